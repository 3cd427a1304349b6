import { ClientEvent, RoomStateEvent, SyncState, type MatrixClient, type MatrixEvent, type RoomMember, type RoomState } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";

/** What the crypto layer's store says of a user it tracks: whether it has any device, and its master key. */
export type LocalIdentity = { hasDevices: boolean; master: string | null };

/**
 * Per-user reads kept between member checks: the crypto layer's device and identity
 * reads ({@link LocalIdentity}), the server's `/keys/query` master key, and whether the
 * crypto layer wants the user's identity approved. Each is dropped whenever that user's
 * devices, identity or membership may have changed (see {@link identityCache}).
 */
export type IdentityCache = {
  local(userId: string): LocalIdentity | undefined;
  /** The kept `/keys/query` master key: `undefined` when none is kept, `null` when the server had none. */
  raw(userId: string): string | null | undefined;
  /** Whether the crypto layer wanted the user's identity approved (`undefined`: not kept). */
  approval(userId: string): boolean | undefined;
  /** Keeps a read unless the user was invalidated since `generation` was read (before the read began). */
  setLocal(userId: string, value: LocalIdentity, generation: number): void;
  setRaw(userId: string, key: string | null, generation: number): void;
  setApproval(userId: string, needed: boolean, generation: number): void;
  /** Read before reading what is to be kept: an invalidation meanwhile keeps the read out. */
  generation(userId: string): number;
  /** Forgets everything kept for the user (after changing its state ourselves, such as pinning it). */
  drop(userId: string): void;
};

const caches = new WeakMap<MatrixClient, IdentityCache>();

/**
 * The client's {@link IdentityCache}. Invalidated by everything that could change
 * what the crypto layer or the server says of a user we share a room with: the
 * crypto layer's `DevicesUpdated` and `UserTrustStatusChanged` for them (it
 * re-queries on the sync's `device_lists`, which Synapse sends on any device or
 * cross-signing change, and emits these once the answer is stored), their
 * membership changing, and any break in the sync (changes could be missed meanwhile).
 */
export function identityCache(client: MatrixClient): IdentityCache {
  const existing = caches.get(client);
  if (existing) return existing;
  const locals = new Map<string, LocalIdentity>();
  const raws = new Map<string, string | null>();
  const approvals = new Map<string, boolean>();
  const generations = new Map<string, number>();
  let epoch = 0;
  const drop = (userId: string): void => {
    locals.delete(userId);
    raws.delete(userId);
    approvals.delete(userId);
    generations.set(userId, (generations.get(userId) ?? 0) + 1);
  };
  client.on(CryptoEvent.DevicesUpdated, (userIds: string[]) => userIds.forEach(drop));
  client.on(CryptoEvent.UserTrustStatusChanged, (userId: string) => drop(userId));
  client.on(RoomStateEvent.Members, (_e: MatrixEvent, _s: RoomState, member: RoomMember) => drop(member.userId));
  client.on(ClientEvent.Sync, (state: SyncState) => {
    if (state === SyncState.Syncing || state === SyncState.Prepared) return;
    locals.clear();
    raws.clear();
    approvals.clear();
    epoch++;
  });
  const generation = (u: string): number => epoch * 1e9 + (generations.get(u) ?? 0);
  const keep =
    <T>(map: Map<string, T>) =>
    (u: string, value: T, gen: number): void =>
      void (generation(u) === gen && map.set(u, value));
  const cache: IdentityCache = {
    local: (u) => locals.get(u),
    raw: (u) => raws.get(u),
    approval: (u) => approvals.get(u),
    setLocal: keep(locals),
    setRaw: keep(raws),
    setApproval: keep(approvals),
    generation,
    drop,
  };
  caches.set(client, cache);
  return cache;
}
