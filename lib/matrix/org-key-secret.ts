import type { MatrixClient } from "matrix-js-sdk";
import type { SecretStorageKeyHolder } from "./secure-backup";
import { checkedRecoveryKey } from "./secure-backup";

/** Name of the organisation signing key (PKCS#8, unpadded base64) in an operator's Matrix secret storage. */
export const ORG_KEY_SECRET = "org.sealdesk.org_signing_key";

/**
 * Opens the account's secret storage with the recovery key for this page's
 * life (the key stays in `holder`, in memory only); throws
 * {@link WrongRecoveryKeyError} when it does not match the account.
 */
export async function unlockSecretStorage(client: MatrixClient, holder: SecretStorageKeyHolder, recoveryKey: string): Promise<void> {
  holder.key = await checkedRecoveryKey(client, recoveryKey);
}

/** Keeps the organisation's private key in the operator's secret storage (encrypted by the recovery key; the server sees only ciphertext). */
export async function storeOrgKey(client: MatrixClient, pkcs8Base64: string): Promise<void> {
  await client.secretStorage.store(ORG_KEY_SECRET, pkcs8Base64);
}

/** The organisation's private key from secret storage, or null when this account does not hold it. */
export async function loadOrgKey(client: MatrixClient): Promise<string | null> {
  return (await client.secretStorage.get(ORG_KEY_SECRET)) ?? null;
}

/**
 * The master keys the homeserver publishes for these users (`/keys/query`
 * through matrix-js-sdk); null for a user without an identity. The operator
 * signs what this returns, so the console shows every difference from the
 * current roster before signing.
 */
export async function currentMasterKeys(client: MatrixClient, userIds: string[]): Promise<Map<string, string | null>> {
  const answer = userIds.length ? await client.downloadKeysForUsers(userIds) : null;
  const out = new Map<string, string | null>();
  for (const u of userIds) {
    const master = answer?.master_keys?.[u];
    out.set(u, master ? (Object.values(master.keys)[0] ?? null) : null);
  }
  return out;
}
