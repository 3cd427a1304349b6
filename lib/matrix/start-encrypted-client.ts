import {
  ClientEvent,
  Filter,
  PendingEventOrdering,
  SyncState,
  type IFilterDefinition,
  type MatrixClient,
  type SyncStateData as SdkSyncStateData,
} from "matrix-js-sdk";
import { OnlySignedDevicesIsolationMode, type CryptoCallbacks } from "matrix-js-sdk/lib/crypto-api";
import { beginClient, type BegunClient } from "./begin-client";
import { earlyStartFits, type EarlyCryptoStart } from "./early-crypto-start";
import { prefetchSyncStart } from "./prefetch-sync-start";
import { retryTrustFailuresOnKeyUpdates } from "./retry-trust-failures";
import { isLiveSync } from "./sync-store";

// Where the widget and the console have always imported it from.
export { loadCryptoWasm } from "./begin-client";

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
  /**
   * Keep the crypto store (the device's keys) in IndexedDB (default). False: in memory, for a
   * frame the browser gives no storage (a cross-site embed that blocks third-party storage);
   * the device then lasts as long as the page.
   */
  persistCrypto?: boolean;
  /** Called with progress text for loading states. */
  onProgress?: (step: string) => void;
  /** Detached keeps local echoes out of the timeline, in `room.getPendingEvents()` (the widget's outbox resends them). */
  pendingEventOrdering?: PendingEventOrdering;
  /** Supplies the secret storage (recovery) key when the crypto layer needs it. */
  cryptoCallbacks?: CryptoCallbacks;
  /**
   * `bootstrap` (default): create the cross-signing identity on the first run and
   * throw {@link DeviceNeedsVerificationError} when it exists elsewhere.
   * `caller`: leave identity set-up and device verification to the caller
   * (the console does it after the first sync, because verification needs sync).
   * `new`: an account this browser has just created (its token was given to this browser
   * only, and nothing has signed in with it yet): its identity is made at once, before the
   * first sync, with no check for an identity that cannot exist yet (see {@link makeNewIdentity}).
   */
  identity?: "bootstrap" | "caller" | "new";
  /**
   * Keep the sync in IndexedDB (matrix-js-sdk `IndexedDBStore`, main-thread backend) under
   * {@link syncStoreName}(cryptoDatabasePrefix, userId, deviceId), so that a reload resumes from
   * the stored `since` token. Off by default (the widget syncs from scratch).
   */
  persistSync?: boolean;
  /**
   * With {@link persistSync}: no write of the stored sync until this settles, then one at once.
   * matrix-js-sdk writes the whole sync (every room, serialised on the main thread) right after
   * the first sync the server answered, that is while the caller draws what it waited for.
   */
  saveSyncAfter?: Promise<unknown>;
  /** Sync filter (default: matrix-js-sdk's). */
  syncFilter?: IFilterDefinition;
  /** Called at each start phase's end, for a timeline (the console's `performance` marks); no text for users. */
  onMark?: (phase: string) => void;
  /**
   * A client made and its crypto store opened before the account existed, for
   * exactly this account and device (`openCryptoEarly` in early-crypto-start.ts): it gets the token and starts (the other storage options are its own).
   */
  early?: EarlyCryptoStart;
  /** Override for tests; defaults to global fetch. */
  fetchFn?: typeof fetch;
};

/**
 * The early start, with the account's token from now on. Nothing was sent without it: opening the
 * store makes no request, and the start's first ones go out after this.
 */
function adopt(early: EarlyCryptoStart, opts: EncryptedClientOptions): BegunClient {
  if (!earlyStartFits(early, opts)) throw new Error("The crypto store opened early is for another account or device");
  early.attachToken(opts.accessToken);
  return early;
}

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
 * store (or in memory, {@link EncryptedClientOptions.persistCrypto}), in `OnlySignedDevicesIsolationMode` (MSC4153) (events refused because
 * the sender's keys were not downloaded yet are decrypted again once they are),
 * with cross-signing
 * bootstrapped on the first run (the first upload needs no interactive auth,
 * MSC3967), and resolves once the first sync the server answered is done
 * (with {@link EncryptedClientOptions.persistSync}, after the stored sync and
 * an incremental sync from its token).
 */
export async function startEncryptedClient(opts: EncryptedClientOptions): Promise<MatrixClient> {
  const progress = opts.onProgress ?? (() => {});
  const mark = opts.onMark ?? (() => {});
  progress("Loading encryption");
  const { client, opened } = opts.early ? adopt(opts.early, opts) : beginClient(opts);
  // Requests need the token: for an early start, only from here on.
  prefetchSyncStart(client, opts.userId, opts.syncFilter);
  await opened;
  const crypto = client.getCrypto();
  if (!crypto) throw new Error("End-to-end encryption is not available in this browser");
  // Devices not signed by their owner's cross-signing identity get no keys and are not trusted.
  crypto.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
  // A message decrypted before our /keys/query of its sender came back is refused as from an
  // unknown or unsigned device, and never retried by matrix-js-sdk: retry once the keys arrive.
  retryTrustFailuresOnKeyUpdates(client);
  // A new account's identity is made beside the first sync (as Element does): both must be done before we return.
  const identityMade = opts.identity === "new" ? makeNewIdentity(client, mark) : undefined;
  identityMade?.catch(() => {}); // awaited below; not an unhandled rejection meanwhile

  progress("Connecting");
  const prepared = liveSyncReached(client, progress);
  await client.startClient({
    initialSyncLimit: 50,
    pendingEventOrdering: opts.pendingEventOrdering ?? PendingEventOrdering.Chronological,
    filter: opts.syncFilter ? syncFilter(opts.userId, opts.syncFilter) : undefined,
  });
  mark("client started");
  await prepared;
  if (identityMade) {
    progress("Creating your encryption identity");
    await identityMade.catch((err: unknown) => {
      client.stopClient();
      throw err;
    });
  }

  // After the first sync, not before: the sync has the crypto layer query our own keys, and
  // until that query is done every identity check below waits ~1 s for it (three times over
  // on a new account). Nothing is sent before this function returns.
  if ((opts.identity ?? "bootstrap") === "bootstrap" && !(await crypto.isCrossSigningReady())) {
    if (await crypto.userHasCrossSigningKeys(opts.userId, true)) {
      client.stopClient();
      throw new DeviceNeedsVerificationError();
    }
    progress("Creating your encryption identity");
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest(null);
      },
    });
  }
  return client;
}

/**
 * Makes a new account's cross-signing identity from the start, beside its first sync: the
 * device keys, the identity's public keys (no interactive auth on a first upload, MSC3967) and
 * the device's signature, one request after the other. After the first sync it would first
 * wait for the crypto layer's query of the account's own keys, then ask the server again
 * whether an identity exists: for an account made a moment ago for this browser alone,
 * neither can tell anything.
 * Should the server claim an identity anyway (a hostile server), the upload needs auth this
 * device cannot give, and the start fails as for any identity set up elsewhere.
 */
async function makeNewIdentity(client: MatrixClient, mark: (phase: string) => void): Promise<void> {
  try {
    await client.getCrypto()!.bootstrapCrossSigning({
      setupNewCrossSigning: true,
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest(null);
      },
    });
  } catch {
    throw new DeviceNeedsVerificationError();
  }
  mark("identity made");
}

/**
 * Resolves once the server has answered a sync (not on the stored sync's PREPARED), so that whatever runs
 * after it (member guard, routing, trust checks) sees the rooms as they are now, as on a cold start.
 */
function liveSyncReached(client: MatrixClient, progress: (step: string) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onSync = (state: SyncState, _prev: SyncState | null, data?: SdkSyncStateData): void => {
      // The stored sync is in memory; the server's answer to its token is still to come (a mark for the bench's timeline).
      if (state === SyncState.Prepared && data?.fromCache) progress("Catching up");
      if (isLiveSync(state, data)) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      } else if (state === SyncState.Error && !client.isInitialSyncComplete()) {
        client.off(ClientEvent.Sync, onSync);
        reject(new Error("Could not reach the chat server"));
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
}

function syncFilter(userId: string, definition: IFilterDefinition): Filter {
  const filter = new Filter(userId);
  filter.setDefinition(definition);
  return filter;
}
