import type { MatrixClient } from "matrix-js-sdk";
import {
  deriveSecretStorageKey,
  fromBase64Url,
  PASSKEY_BACKUP_TYPE,
  readPasskeyBackup,
  toBase64Url,
  type PasskeyBackup,
} from "../../lib/customers/passkey-backup";

/** The customer's passkey backup marker, asked from the server (null: none, or not ours). */
export async function passkeyBackupOf(client: MatrixClient): Promise<PasskeyBackup | null> {
  const synced = client.getAccountData(PASSKEY_BACKUP_TYPE)?.getContent();
  return readPasskeyBackup(synced ?? (await client.getAccountDataFromServer(PASSKEY_BACKUP_TYPE).catch(() => null)));
}

/** True when this browser can create and use a passkey (the PRF result itself is known only once asked). */
export function webauthnAvailable(): boolean {
  return typeof PublicKeyCredential !== "undefined" && Boolean(navigator.credentials);
}

/**
 * Hands matrix-js-sdk the secret storage key when it asks (in memory, for this
 * page's life): the client's callbacks object, left empty at start (see start-visitor.ts).
 */
function holdSecretStorageKey(client: MatrixClient, keyId: string, key: Uint8Array<ArrayBuffer>): void {
  client.cryptoCallbacks.getSecretStorageKey = async ({ keys }) => (keyId in keys ? [keyId, key] : null);
}

const random = (n: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(n));

/** The passkey's PRF output for `salt` (asks the authenticator: the visitor confirms with a touch, PIN or face). */
async function prfOutput(credentialId: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>): Promise<BufferSource> {
  const got = (await navigator.credentials.get({
    publicKey: {
      challenge: random(32), // no server checks this assertion: only the PRF output is used
      allowCredentials: [{ type: "public-key", id: credentialId }],
      userVerification: "required",
      extensions: { prf: { eval: { first: salt } } },
    },
  })) as PublicKeyCredential | null;
  const first = got?.getClientExtensionResults().prf?.results?.first;
  if (!first) throw new Error("this passkey or browser does not support the PRF extension");
  return first;
}

/**
 * Opt-in, on the browser that holds the customer's identity: creates a passkey
 * (rp: our origin, the chat frame's), derives the secret storage key from its PRF
 * output, and sets up secret storage (cross-signing keys in it) and the
 * server-side key backup, encrypted under it. The marker in account data says
 * which credential and salt unlock it; nothing secret leaves the browser.
 */
export async function createPasskeyBackup(client: MatrixClient, displayName: string): Promise<void> {
  const crypto = client.getCrypto()!;
  const userId = client.getSafeUserId();
  const salt = random(32);
  const created = (await navigator.credentials.create({
    publicKey: {
      rp: { id: location.hostname, name: "Sealdesk chat" },
      user: { id: random(16), name: displayName, displayName },
      challenge: random(32),
      pubKeyCredParams: [
        { type: "public-key", alg: -7 },
        { type: "public-key", alg: -257 },
      ],
      authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
      extensions: { prf: { eval: { first: salt } } },
    },
  })) as PublicKeyCredential | null;
  if (!created) throw new Error("no passkey was created");
  const credentialId = new Uint8Array(created.rawId);
  const prf = created.getClientExtensionResults().prf;
  if (prf?.enabled === false) throw new Error("this passkey or browser does not support the PRF extension");
  // Some authenticators give the PRF output only when asked afterwards.
  const output = prf?.results?.first ?? (await prfOutput(credentialId, salt));
  const key = await deriveSecretStorageKey(output, userId);
  client.cryptoCallbacks.cacheSecretStorageKey = (keyId) => holdSecretStorageKey(client, keyId, key);
  await crypto.bootstrapSecretStorage({
    createSecretStorageKey: async () => ({ privateKey: key, keyInfo: { name: "Sealdesk passkey" } }),
    setupNewSecretStorage: true,
    setupNewKeyBackup: true,
  });
  const keyId = await client.secretStorage.getDefaultKeyId();
  if (!keyId) throw new Error("secret storage was not set up");
  const marker: PasskeyBackup = { credential_id: toBase64Url(credentialId), salt: toBase64Url(salt), key_id: keyId };
  await client.setAccountData(PASSKEY_BACKUP_TYPE, marker);
}

/**
 * On a new browser: the passkey's PRF output gives the secret storage key, which
 * must match the stored key's check (a server cannot make one that does), then
 * the cross-signing keys come from secret storage and sign this device (the same
 * identity: agents see no change), and the key backup is restored (the earlier
 * conversations decrypt). Never resets the identity: without the keys it throws.
 */
export async function unlockPasskeyBackup(client: MatrixClient, backup: PasskeyBackup): Promise<void> {
  const crypto = client.getCrypto()!;
  // A new device's first sync (the frame keeps no sync store) brought the account data with secret storage.
  const output = await prfOutput(fromBase64Url(backup.credential_id), fromBase64Url(backup.salt));
  const key = await deriveSecretStorageKey(output, client.getSafeUserId());
  const stored = await client.secretStorage.getKey(backup.key_id);
  if (!stored || !(await client.secretStorage.checkKey(key, stored[1] as Parameters<typeof client.secretStorage.checkKey>[1])))
    throw new Error("this passkey does not open this account's history");
  holdSecretStorageKey(client, backup.key_id, key);
  if (!(await client.secretStorage.isStored("m.cross_signing.master"))) throw new Error("the identity is not in the backup");
  await crypto.bootstrapCrossSigning({
    // Only an import from secret storage: a reset (which would need this) is refused here.
    authUploadDeviceSigningKeys: () => Promise.reject(new Error("refusing to replace the identity")),
  });
  if (!(await crypto.isCrossSigningReady())) throw new Error("this device could not be signed");
  await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
  await crypto.checkKeyBackupAndEnable();
  await crypto.restoreKeyBackup();
}

/**
 * The customer continues without their passkey on a new browser: the new identity
 * cannot go into the passkey's secret storage (its key needs the passkey), so that
 * backup is set aside first: the marker (no browser offers to unlock a stale backup),
 * then the default key (else matrix-js-sdk's identity reset tries to store the new
 * keys there, finds no key, fails, and the widget started over as a new anonymous
 * visitor). The encrypted backup stays on the server, unreadable without the passkey;
 * the customer can make a new one for the new identity.
 */
export async function setPasskeyBackupAside(client: MatrixClient): Promise<void> {
  await client.setAccountData(PASSKEY_BACKUP_TYPE, {} as never);
  await client.secretStorage.setDefaultKeyId(null);
}
