import type { MatrixClient } from "matrix-js-sdk";
import type { RosterAgent } from "../../../lib/roster/roster";
import { loadCredentials } from "../../_console/matrix-credentials";
import { publishRoster } from "../../_console/console-api";
import type { CodedRow } from "./roster-review";

/** What the page holds once the operator's secret storage is open. */
export type Unlocked = { client: MatrixClient; privateKey: CryptoKey | null; orgKey: string | null };

type Agent = { userId: string; displayName: string; addedThroughConsole: boolean; role?: string; supervises?: string | null };

/**
 * The review of the roster: each agent's master key as the server shows it now
 * (read in this browser), against the signed list, with identity codes.
 */
export async function reviewRows(client: MatrixClient, me: string, agents: Agent[], rostered: RosterAgent[]): Promise<CodedRow[]> {
  const [{ currentMasterKeys }, { reviewRoster }, { identityCode }] = await Promise.all([
    import("../../../lib/matrix/org-key-secret"),
    import("../../../lib/roster/review-roster"),
    import("../../../lib/roster/identity-code"),
  ]);
  const ids = [...new Set([...agents.map((a) => a.userId), ...rostered.map((r) => r.user_id)])];
  const keys = await currentMasterKeys(client, ids);
  // Only this browser's own verified identity vouches for the operator's row (never the server's answer alone).
  // Fresh keys of our own account first, so the crypto layer judges the server's current master key.
  await client.getCrypto()?.getUserDeviceInfo([me], true);
  const self = { userId: me, masterKey: (await client.getCrypto()?.getCrossSigningKeyId()) ?? null };
  const review = reviewRoster({ agents, rostered, currentKeys: keys, self });
  const roles = new Map(agents.map((a) => [a.userId, a.role]));
  return Promise.all(review.map(async (r) => ({ ...r, role: roles.get(r.userId), code: r.currentKey ? await identityCode(r.currentKey) : null })));
}

/**
 * Opens the operator's secret storage with the recovery key and loads the
 * organisation's private key, refusing a server whose public key is not the
 * one derived from it (unless the held key endorsed it: a rotation, then the
 * operator waits for a handover). Without the key, the page waits for one.
 */
export async function unlockOrgKey(input: {
  me: string;
  wasmUrl: string;
  serverOrgKey: string | null;
  recoveryKey: string;
  holder: { key: Uint8Array<ArrayBuffer> | null };
  /** The rotations' endorsements the server serves (judged here). */
  endorsements?: unknown;
}): Promise<Unlocked> {
  const creds = loadCredentials();
  if (!creds || creds.userId !== input.me) throw new Error("Open the inbox in this browser first: it sets up this device's encryption.");
  const [{ startEncryptedClient }, { secretStorageCallbacks }, { unlockSecretStorage }] = await Promise.all([
    import("../../../lib/matrix/start-encrypted-client"),
    import("../../../lib/matrix/secure-backup"),
    import("../../../lib/matrix/org-key-secret"),
  ]);
  const client = await startEncryptedClient({
    ...creds,
    baseUrl: creds.homeserverUrl,
    wasmUrl: input.wasmUrl,
    cryptoDatabasePrefix: "sealdesk-console",
    cryptoCallbacks: secretStorageCallbacks(input.holder),
    identity: "caller",
  });
  await unlockSecretStorage(client, input.holder, input.recoveryKey);
  const mine = await heldOrgKey(client, input.serverOrgKey);
  // The server's copy of the public key is not trusted: it must be the one derived from our private key.
  if (mine && input.serverOrgKey && mine.orgKey !== input.serverOrgKey) {
    const { followEndorsements } = await import("../../../lib/roster/key-endorsement");
    // Rotated by another operator since this one got the key: wait for a handover of the new one.
    if ((await followEndorsements(mine.orgKey, input.serverOrgKey, input.endorsements, Date.now())).ok) return { client, privateKey: null, orgKey: null };
    throw new Error(
      `The app server shows another organisation key (${input.serverOrgKey}) than the one in your secret storage (${mine.orgKey}). Do not publish it.`,
    );
  }
  return { client, privateKey: mine?.privateKey ?? null, orgKey: mine?.orgKey ?? null };
}

/** The organisation key in secret storage; a rotation's pending key instead when it is the one the server took (the page closed mid-rotation). */
async function heldOrgKey(client: MatrixClient, serverOrgKey: string | null) {
  const [{ loadOrgKey, storeOrgKey }, { importOrgPrivateKey }, { PENDING_ORG_KEY_SECRET }] = await Promise.all([
    import("../../../lib/matrix/org-key-secret"),
    import("../../../lib/roster/sign-roster"),
    import("./key-actions"),
  ]);
  const stored = await loadOrgKey(client);
  const mine = stored ? await importOrgPrivateKey(stored) : null;
  if (!mine || mine.orgKey === serverOrgKey) return mine;
  const pending = (await client.secretStorage.get(PENDING_ORG_KEY_SECRET)) ?? null;
  const next = pending ? await importOrgPrivateKey(pending).catch(() => null) : null;
  if (next?.orgKey !== serverOrgKey || !pending) return mine;
  await storeOrgKey(client, pending);
  return next;
}

/** Signs the reviewed roster as the next version with the organisation key and publishes it. */
export async function signAndPublish(
  keys: { privateKey: CryptoKey; orgKey: string },
  version: number,
  rows: CodedRow[],
  decisions: ReadonlyMap<string, boolean>,
) {
  const [{ signRoster }, { rosterAfterReview }] = await Promise.all([import("../../../lib/roster/sign-roster"), import("../../../lib/roster/review-roster")]);
  const agents = rosterAfterReview(rows, decisions);
  const roster = await signRoster({ version: version + 1, issuedAt: Date.now(), orgKey: keys.orgKey, agents }, keys.privateKey);
  await publishRoster(roster);
  return roster;
}
