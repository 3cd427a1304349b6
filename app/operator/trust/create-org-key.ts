import type { MatrixClient } from "matrix-js-sdk";
import { registerOrgKey } from "../../_console/console-api";

/**
 * Makes the organisation key pair in this browser, keeps the private part in the
 * operator's (unlocked) secret storage and registers only the public part.
 * Returns the private key and the fingerprint. Used by the trust page and by the
 * first sign-in's set-up step (whose secret storage is still open in memory).
 */
export async function createOrganisationKey(client: MatrixClient): Promise<{ privateKey: CryptoKey; orgKey: string }> {
  const [{ generateOrgKey, exportOrgPrivateKey, orgKeyId }, { storeOrgKey }] = await Promise.all([
    import("../../../lib/roster/sign-roster"),
    import("../../../lib/matrix/org-key-secret"),
  ]);
  const pair = await generateOrgKey();
  const orgKey = await orgKeyId(pair.publicKey);
  // Secret storage first: a key registered but lost could never sign a roster.
  await storeOrgKey(client, await exportOrgPrivateKey(pair.privateKey));
  await registerOrgKey(orgKey);
  return { privateKey: pair.privateKey, orgKey };
}
