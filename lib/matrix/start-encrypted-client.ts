import { initAsync } from "@matrix-org/matrix-sdk-crypto-wasm";
import { ClientEvent, createClient, SyncState, type MatrixClient } from "matrix-js-sdk";
import { OnlySignedDevicesIsolationMode, type CryptoCallbacks } from "matrix-js-sdk/lib/crypto-api";

/** Credentials and storage settings for {@link startEncryptedClient}. */
export type EncryptedClientOptions = {
  baseUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  /** URL the crypto WebAssembly is served from (we serve it ourselves, compressed and cached). */
  wasmUrl: string;
  /** IndexedDB name prefix, so widget and console stores never collide. */
  cryptoDatabasePrefix: string;
  /** Called with progress text for loading states. */
  onProgress?: (step: string) => void;
  /** Supplies the secret storage (recovery) key when the crypto layer needs it. */
  cryptoCallbacks?: CryptoCallbacks;
  /**
   * `bootstrap` (default): create the cross-signing identity on the first run and
   * throw {@link DeviceNeedsVerificationError} when it exists elsewhere.
   * `caller`: leave identity set-up and device verification to the caller
   * (the console does it after the first sync, because verification needs sync).
   */
  identity?: "bootstrap" | "caller";
};

/**
 * Thrown when the account already has a cross-signing identity whose private
 * keys are not in this browser: the device must be verified (recovery key or
 * another device) rather than silently resetting the identity.
 */
export class DeviceNeedsVerificationError extends Error {
  constructor() {
    super("This account's encryption identity was set up in another browser; this browser is not verified yet.");
    this.name = "DeviceNeedsVerificationError";
  }
}

/**
 * Starts a matrix-js-sdk client with Rust crypto in a persistent IndexedDB
 * store, in `OnlySignedDevicesIsolationMode` (MSC4153), with cross-signing
 * bootstrapped on the first run (the first upload needs no interactive auth,
 * MSC3967), and resolves once the first sync is done.
 */
export async function startEncryptedClient(opts: EncryptedClientOptions): Promise<MatrixClient> {
  const progress = opts.onProgress ?? (() => {});
  progress("Loading encryption");
  // Initialise the one copy of the crypto module from our own URL, so that no
  // bundler has to understand the package's `new URL(..., import.meta.url)`.
  await initAsync(new URL(opts.wasmUrl, globalThis.location?.href));
  const client = createClient({
    baseUrl: opts.baseUrl,
    userId: opts.userId,
    deviceId: opts.deviceId,
    accessToken: opts.accessToken,
    cryptoCallbacks: opts.cryptoCallbacks,
  });
  await client.initRustCrypto({ useIndexedDB: true, cryptoDatabasePrefix: opts.cryptoDatabasePrefix });
  const crypto = client.getCrypto();
  if (!crypto) throw new Error("End-to-end encryption is not available in this browser");
  // Devices not signed by their owner's cross-signing identity get no keys and are not trusted.
  crypto.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());

  if (opts.identity !== "caller" && !(await crypto.isCrossSigningReady())) {
    if (await crypto.userHasCrossSigningKeys(opts.userId, true)) throw new DeviceNeedsVerificationError();
    progress("Creating your encryption identity");
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest(null);
      },
    });
  }

  progress("Connecting");
  const prepared = new Promise<void>((resolve, reject) => {
    const onSync = (state: SyncState): void => {
      if (state === SyncState.Prepared || state === SyncState.Syncing) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      } else if (state === SyncState.Error && !client.isInitialSyncComplete()) {
        client.off(ClientEvent.Sync, onSync);
        reject(new Error("Could not reach the chat server"));
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit: 50 });
  await prepared;
  return client;
}
