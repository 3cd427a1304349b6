import { initAsync } from "@matrix-org/matrix-sdk-crypto-wasm";
import { createClient, IndexedDBStore, MemoryCryptoStore, type MatrixClient } from "matrix-js-sdk";
import type { EncryptedClientOptions } from "./start-encrypted-client";
import { syncStoreName } from "./sync-store";
import { withoutMatrixRTC } from "./without-matrix-rtc";

/** What {@link beginClient} needs: the start's options, the access token possibly not yet known. */
export type BeginOptions = Omit<EncryptedClientOptions, "accessToken" | "early"> & { accessToken?: string };

/** A client made and its stores opening (the crypto store: the longest single step of a new device's start). */
export type BegunClient = { client: MatrixClient; opened: Promise<void> };

let wasmLoad: { url: string; ready: Promise<unknown> } | undefined;

/**
 * Fetches, compiles and initialises the crypto WebAssembly once. Call it early
 * (the widget does so before provisioning its visitor) so that the download
 * and compilation overlap other work; {@link startEncryptedClient} awaits the
 * same promise.
 */
export function loadCryptoWasm(wasmUrl: string): Promise<unknown> {
  // One copy of the crypto module, initialised from our own URL, so that no
  // bundler has to understand the package's `new URL(..., import.meta.url)`.
  if (wasmLoad?.url !== wasmUrl) wasmLoad = { url: wasmUrl, ready: initAsync(new URL(wasmUrl, globalThis.location?.href)) };
  return wasmLoad.ready;
}

/**
 * Creates the client and starts opening its stores (the stored sync, the crypto module, the
 * crypto store): the part of a start that needs no request to the homeserver, so that it can
 * run before the account's access token exists (see {@link openCryptoEarly}). `opened`
 * settles when the stores are open; a failure is the awaiting caller's to handle.
 */
export function beginClient(opts: BeginOptions): BegunClient {
  const store = opts.persistSync ? persistentStore(opts) : undefined;
  const client = createClient({
    store,
    baseUrl: opts.baseUrl,
    userId: opts.userId,
    deviceId: opts.deviceId,
    accessToken: opts.accessToken,
    // No calls in a support chat; the widget's bundle leaves the VoIP code out.
    disableVoip: true,
    cryptoCallbacks: opts.cryptoCallbacks,
    fetchFn: opts.fetchFn,
    // matrix-js-sdk's browser build checks its legacy IndexedDB crypto store for data to migrate:
    // it creates and deletes that database twice at each start, one step of the crypto start, and
    // a frame denied IndexedDB cannot even open it. Sealdesk has used Rust crypto from its first
    // version: no browser holds a legacy store of ours, so there is never anything to migrate.
    cryptoStore: new MemoryCryptoStore(),
  });
  // No calls either: matrix-js-sdk would otherwise build (and keep) a MatrixRTC session for every room at the
  // first sync (200 rooms: measurable on a warm start) and watch every event for call memberships.
  withoutMatrixRTC(client);
  const opened = openStores(client, store, opts, opts.onMark ?? (() => {}));
  opened.catch(() => {}); // awaited by the start; not an unhandled rejection meanwhile
  return { client, opened };
}

/**
 * Three independent waits side by side (each was a step of its own): the stored sync read from
 * IndexedDB, the crypto module's compilation, then the crypto store's opening.
 */
async function openStores(client: MatrixClient, store: IndexedDBStore | undefined, opts: BeginOptions, mark: (what: string) => void): Promise<void> {
  await Promise.all([
    store && startStore(store).then(() => mark("stored sync read")),
    loadCryptoWasm(opts.wasmUrl)
      .then(
        () => (
          mark("crypto module loaded"),
          client.initRustCrypto({ useIndexedDB: opts.persistCrypto ?? true, cryptoDatabasePrefix: opts.cryptoDatabasePrefix })
        ),
      )
      .then(() => mark("crypto store open")),
  ]);
}

/**
 * Loads the stored sync into memory (the store must exist before, and start after, createClient).
 * The stored sync is a cache: one that cannot be opened (a newer schema, say) is deleted and started afresh.
 */
async function startStore(store: IndexedDBStore): Promise<void> {
  await store.startup().catch(async () => {
    await store.deleteAllData().catch(() => {});
    await store.startup();
  });
}

/** An IndexedDB sync store that writes nothing until `after` settles (see {@link EncryptedClientOptions.saveSyncAfter}). */
class HeldSaveStore extends IndexedDBStore {
  private held = true;

  public constructor(opts: ConstructorParameters<typeof IndexedDBStore>[0], after: Promise<unknown>) {
    super(opts);
    const release = (): void => {
      this.held = false;
      void this.save().catch(() => {});
    };
    after.then(release, release);
  }

  public override wantsSave(): boolean {
    return !this.held && super.wantsSave();
  }
}

function persistentStore(opts: BeginOptions): IndexedDBStore {
  // No worker backend: it would need its own bundled script; the stored sync is read once per start.
  const storeOpts = {
    indexedDB: globalThis.indexedDB,
    localStorage: globalThis.localStorage,
    dbName: syncStoreName(opts.cryptoDatabasePrefix, opts.userId, opts.deviceId),
  };
  return opts.saveSyncAfter ? new HeldSaveStore(storeOpts, opts.saveSyncAfter) : new IndexedDBStore(storeOpts);
}
