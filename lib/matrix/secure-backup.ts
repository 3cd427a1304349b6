import { Method, MatrixEvent, type MatrixClient } from "matrix-js-sdk";
import { decodeRecoveryKey, deriveRecoveryKeyFromPassphrase, type CryptoApi, type CryptoCallbacks } from "matrix-js-sdk/lib/crypto-api";
import { passphraseProblem } from "./passphrase-strength";

/**
 * Holds the secret storage key (the recovery key, decoded) in memory only, for
 * the crypto layer's `getSecretStorageKey` callback. Never persisted.
 */
export type SecretStorageKeyHolder = { key: Uint8Array<ArrayBuffer> | null };

/** Crypto callbacks that answer secret storage requests from `holder`. */
export function secretStorageCallbacks(holder: SecretStorageKeyHolder): CryptoCallbacks {
  return {
    getSecretStorageKey: async ({ keys }) => {
      const keyId = Object.keys(keys)[0];
      return holder.key && keyId ? [keyId, holder.key] : null;
    },
  };
}

/**
 * Where this browser stands with the account's encryption identity:
 * `ready`: cross-signing keys here and secret storage with key backup set up;
 * `needs-setup`: no identity anywhere, or one created here without secure backup yet;
 * `needs-verification`: the identity lives elsewhere, this device must be verified.
 */
export type IdentityState = "ready" | "needs-setup" | "needs-verification";

/** Tells what {@link IdentityState} the signed-in device is in. */
export async function identityState(client: MatrixClient): Promise<IdentityState> {
  const crypto = cryptoOf(client);
  await loadSecretStorageAccountData(client);
  if (await crypto.isCrossSigningReady()) return (await crypto.isSecretStorageReady()) ? "ready" : "needs-setup";
  if (await crypto.userHasCrossSigningKeys(client.getSafeUserId(), true)) return "needs-verification";
  return "needs-setup";
}

/**
 * First set-up: creates the cross-signing identity if missing (the first
 * upload needs no interactive auth, MSC3967), a new recovery key, secret
 * storage (4S) holding the cross-signing keys and the backup key, and a new
 * server-side key backup. Returns the recovery key to show to the user once.
 */
export async function setUpSecureBackup(client: MatrixClient, holder: SecretStorageKeyHolder): Promise<string> {
  const crypto = cryptoOf(client);
  if (!(await crypto.isCrossSigningReady())) {
    await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: async (makeRequest) => void (await makeRequest(null)) });
  }
  const generated = await crypto.createRecoveryKeyFromPassphrase();
  if (!generated.encodedPrivateKey) throw new Error("Could not create a recovery key");
  holder.key = generated.privateKey;
  await crypto.bootstrapSecretStorage({ createSecretStorageKey: async () => generated, setupNewSecretStorage: true, setupNewKeyBackup: true });
  return generated.encodedPrivateKey;
}

/**
 * Replaces the secret storage key with one derived from a passphrase (PBKDF2,
 * salt and rounds stored in the key's description in account data), right
 * after {@link setUpSecureBackup}: the cross-signing keys and the existing
 * backup key are stored again under the new key, and the recovery key shown
 * before stops working. Throws with a clear message for a weak passphrase.
 */
export async function switchToPassphrase(client: MatrixClient, holder: SecretStorageKeyHolder, passphrase: string): Promise<void> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  const crypto = cryptoOf(client);
  const generated = await crypto.createRecoveryKeyFromPassphrase(passphrase);
  const previous = holder.key;
  holder.key = generated.privateKey;
  try {
    await crypto.bootstrapSecretStorage({ createSecretStorageKey: async () => generated, setupNewSecretStorage: true, setupNewKeyBackup: false });
  } catch (err) {
    holder.key = previous;
    throw err;
  }
}

/** Thrown when a passphrase does not open this account's secret storage (or it has none). */
export class WrongPassphraseError extends Error {
  constructor(message = "That passphrase does not match this account.") {
    super(message);
    this.name = "WrongPassphraseError";
  }
}

/**
 * Verifies this device with the secret storage passphrase: derives the key
 * with the salt and rounds from the key's description, checks it, then goes
 * on as {@link recoverWithRecoveryKey}. Resolves with the room keys restored.
 */
export async function recoverWithPassphrase(client: MatrixClient, holder: SecretStorageKeyHolder, passphrase: string): Promise<number> {
  const keyId = await client.secretStorage.getDefaultKeyId();
  const info = keyId ? await client.secretStorage.getKey(keyId) : null;
  const params = info?.[1].passphrase;
  if (!info || !params || params.algorithm !== "m.pbkdf2") throw new WrongPassphraseError("This account uses a recovery key, not a passphrase.");
  const key = await deriveRecoveryKeyFromPassphrase(passphrase, params.salt, params.iterations, params.bits);
  if (!(await client.secretStorage.checkKey(key, info[1]))) throw new WrongPassphraseError();
  return unlockWith(client, holder, key);
}

/** Thrown when a recovery key is malformed or does not open this account's secret storage. */
export class WrongRecoveryKeyError extends Error {
  constructor() {
    super("That recovery key does not match this account.");
    this.name = "WrongRecoveryKeyError";
  }
}

/**
 * Verifies this device with the recovery key: checks it against secret
 * storage, imports the cross-signing keys from there and signs this device
 * with them, then loads the backup key and restores the key backup.
 * Resolves with the number of room keys restored.
 */
export async function recoverWithRecoveryKey(client: MatrixClient, holder: SecretStorageKeyHolder, recoveryKey: string): Promise<number> {
  return unlockWith(client, holder, await checkedRecoveryKey(client, recoveryKey));
}

/**
 * Decodes a recovery key and checks it against the account's default secret
 * storage key; throws {@link WrongRecoveryKeyError} when it is malformed or
 * does not match.
 */
export async function checkedRecoveryKey(client: MatrixClient, recoveryKey: string): Promise<Uint8Array<ArrayBuffer>> {
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = decodeRecoveryKey(recoveryKey.trim());
  } catch {
    throw new WrongRecoveryKeyError();
  }
  const keyId = await client.secretStorage.getDefaultKeyId();
  const info = keyId ? await client.secretStorage.getKey(keyId) : null;
  if (!info || !(await client.secretStorage.checkKey(key, info[1]))) throw new WrongRecoveryKeyError();
  return key;
}

/** With a checked secret storage key: cross-signs this device and restores the key backup. */
async function unlockWith(client: MatrixClient, holder: SecretStorageKeyHolder, key: Uint8Array<ArrayBuffer>): Promise<number> {
  const crypto = cryptoOf(client);
  holder.key = key;
  await crypto.bootstrapCrossSigning({});
  await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
  return restoreBackup(crypto);
}

/**
 * After this device was verified by another one (SAS), waits for the backup
 * key the other device sends (secret gossiping) and restores the key backup.
 * Resolves with the number of room keys restored.
 */
export async function restoreBackupAfterVerification(client: MatrixClient, timeoutMs = 60_000): Promise<number> {
  const crypto = cryptoOf(client);
  const deadline = Date.now() + timeoutMs;
  while (!(await crypto.getSessionBackupPrivateKey())) {
    if (Date.now() > deadline) throw new Error("The other device did not send the key backup key.");
    await new Promise((r) => setTimeout(r, 500));
  }
  return restoreBackup(crypto);
}

async function restoreBackup(crypto: CryptoApi): Promise<number> {
  const check = await crypto.checkKeyBackupAndEnable();
  if (!check) return 0;
  const result = await crypto.restoreKeyBackup();
  return result.imported;
}

const SECRET_NAMES = ["m.cross_signing.master", "m.cross_signing.self_signing", "m.cross_signing.user_signing", "m.megolm_backup.v1"];

/**
 * Secret storage lives in account data. We saw the first sync after a reload
 * miss these entries (the server has them), and matrix-js-sdk reads them from
 * its sync store once synced; so fetch them once and put them in that store.
 */
async function loadSecretStorageAccountData(client: MatrixClient): Promise<void> {
  const get = async (type: string): Promise<Record<string, unknown> | null> => {
    if (client.getAccountData(type as never)) return null;
    const path = `/user/${encodeURIComponent(client.getSafeUserId())}/account_data/${encodeURIComponent(type)}`;
    return client.http.authedRequest<Record<string, unknown>>(Method.Get, path).catch(() => null);
  };
  const found: MatrixEvent[] = [];
  const add = async (type: string): Promise<Record<string, unknown> | null> => {
    const content = await get(type);
    if (content) found.push(new MatrixEvent({ type, content }));
    return content ?? (client.getAccountData(type as never)?.getContent() as Record<string, unknown> | undefined) ?? null;
  };
  const defaultKey = await add("m.secret_storage.default_key");
  const keyId = typeof defaultKey?.key === "string" ? defaultKey.key : null;
  await Promise.all([...(keyId ? [`m.secret_storage.key.${keyId}`] : []), ...SECRET_NAMES].map(add));
  if (found.length) client.store.storeAccountDataEvents(found);
}

function cryptoOf(client: MatrixClient): CryptoApi {
  const crypto = client.getCrypto();
  if (!crypto) throw new Error("End-to-end encryption is not available in this browser");
  return crypto;
}
