import { ClientEvent, RoomStateEvent, SyncState, type MatrixClient, type MatrixEvent, type RoomMember, type RoomState } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { SeenIdentity } from "../roster/check-readers";

/**
 * What this client's crypto layer would encrypt to for each user: the master
 * key (from the crypto layer when it has one, else from the same `/keys/query`
 * answer it will fetch: it only starts tracking an invitee when it first
 * encrypts for the room) and whether the account has any device.
 *
 * The `/keys/query` answer for a user the crypto layer tracks is kept (see
 * {@link rawKeysCache}) until anything says it may have changed, so a send to a
 * room whose readers are all known costs no request; `fresh` asks again anyway.
 */
export async function seenIdentities(client: MatrixClient, users: readonly string[], opts: { fresh?: boolean } = {}): Promise<Map<string, SeenIdentity>> {
  const crypto = client.getCrypto()!;
  const list = [...new Set(users)];
  const cache = rawKeysCache(client);
  // Tracked users' devices come from the crypto layer's store; the others' are downloaded (as before).
  // Every read of that store at once: each is a round trip to IndexedDB, and a send waits for all of them.
  const [trackedEach, masters] = await Promise.all([
    Promise.all(list.map((u) => crypto.getUserDeviceInfo([u], false))),
    Promise.all(list.map((u) => crypto.getUserCrossSigningKeys(u))),
  ]);
  const tracked = new Map(trackedEach.flatMap((m) => [...m]));
  const untracked = list.filter((u) => !tracked.has(u));
  const own = new Map(list.map((u, i) => [u, masterKeyOf(masters[i])]));
  const raw = new Map<string, string | null>();
  const toFetch: string[] = [];
  for (const u of list) {
    if (own.get(u)) continue;
    const kept = tracked.has(u) && !opts.fresh ? cache.get(u) : undefined;
    if (kept !== undefined) raw.set(u, kept);
    else toFetch.push(u);
  }
  const generations = new Map(toFetch.map((u) => [u, cache.generation(u)]));
  const [downloaded, answer] = await Promise.all([
    untracked.length ? crypto.getUserDeviceInfo(untracked, true) : null,
    toFetch.length ? client.downloadKeysForUsers(toFetch) : null,
  ]);
  for (const u of toFetch) {
    const key = masterKeyOf(answer?.master_keys?.[u]);
    raw.set(u, key);
    // Kept only for tracked users, and only if nothing invalidated them while the request was out.
    if (tracked.has(u)) cache.set(u, key, generations.get(u) ?? 0);
  }
  const out = new Map<string, SeenIdentity>();
  for (const u of list) {
    const devices = tracked.get(u) ?? downloaded?.get(u);
    out.set(u, { masterKey: own.get(u) ?? raw.get(u) ?? null, hasDevices: (devices?.size ?? 0) > 0 });
  }
  return out;
}

function masterKeyOf(key: { keys: Record<string, string> } | { master_key?: { keys: Record<string, string> } } | null | undefined): string | null {
  if (!key) return null;
  const keys = "keys" in key ? key.keys : key.master_key?.keys;
  return keys ? (Object.values(keys)[0] ?? null) : null;
}

/** Per-user `/keys/query` master keys, dropped whenever that user's devices, identity or membership may have changed. */
export type RawKeysCache = {
  get(userId: string): string | null | undefined;
  /** Keeps `key` unless the user was invalidated since `generation` was read. */
  set(userId: string, key: string | null, generation: number): void;
  generation(userId: string): number;
};

const caches = new WeakMap<MatrixClient, RawKeysCache>();

/**
 * The client's {@link RawKeysCache}. Invalidated by everything that could change
 * the server's answer for a user we share a room with: the crypto layer's device
 * list or identity updates for them (it re-queries on the sync's `device_lists`,
 * which Synapse sends on any device or cross-signing change), their membership
 * changing, and any break in the sync (changes could be missed meanwhile).
 */
export function rawKeysCache(client: MatrixClient): RawKeysCache {
  const existing = caches.get(client);
  if (existing) return existing;
  const keys = new Map<string, string | null>();
  const generations = new Map<string, number>();
  let epoch = 0;
  const drop = (userId: string): void => {
    keys.delete(userId);
    generations.set(userId, (generations.get(userId) ?? 0) + 1);
  };
  client.on(CryptoEvent.DevicesUpdated, (userIds: string[]) => userIds.forEach(drop));
  client.on(CryptoEvent.UserTrustStatusChanged, (userId: string) => drop(userId));
  client.on(RoomStateEvent.Members, (_e: MatrixEvent, _s: RoomState, member: RoomMember) => drop(member.userId));
  client.on(ClientEvent.Sync, (state: SyncState) => {
    if (state === SyncState.Syncing || state === SyncState.Prepared) return;
    keys.clear();
    epoch++;
  });
  const cache: RawKeysCache = {
    get: (u) => keys.get(u),
    generation: (u) => epoch * 1e9 + (generations.get(u) ?? 0),
    set: (u, key, generation) => void (cache.generation(u) === generation && keys.set(u, key)),
  };
  caches.set(client, cache);
  return cache;
}
