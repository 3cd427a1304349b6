import type { IFilterDefinition } from "matrix-js-sdk";

/**
 * The IndexedDB name of a persistent sync store (matrix-js-sdk prefixes it
 * with `matrix-js-sdk:`), one per app, account and device: two agents, or one
 * agent's two devices, in the same browser profile never read each other's
 * stored sync, and a new login (a new device) starts cold.
 */
export function syncStoreName(prefix: string, userId: string, deviceId: string): string {
  return `${prefix}-sync:${userId}:${deviceId}`;
}

/** What matrix-js-sdk says with a sync state change (its `ISyncStateData`, the part read here). */
export type SyncStateData = { fromCache?: boolean } | undefined;

/**
 * Whether this sync state change means the client holds the server's current
 * state: the first sync that came from the server, not from the stored sync.
 * With a persistent store, matrix-js-sdk first replays the stored sync and
 * says `PREPARED` with `fromCache`; everything the checks read (members,
 * routing, invitations) may be stale until the next `PREPARED`/`SYNCING`,
 * which the server answered from the stored `since` token.
 */
export function isLiveSync(state: string, data: SyncStateData): boolean {
  return (state === "PREPARED" && !data?.fromCache) || state === "SYNCING";
}

/**
 * The console's sync filter: everything it shows or its checks read (room
 * state with every member, timeline, typing and receipts, account data for
 * secret storage and key backup) and nothing else. Dropped: presence (the
 * console shows the agents' availability from the app, never Matrix presence).
 * Members are not lazy-loaded: the member guard, the roster check and the
 * audit read every member of a conversation from the room's state, and a
 * silent member is exactly the one they must see (docs/known-limits.md).
 */
export const CONSOLE_SYNC_FILTER: IFilterDefinition = {
  presence: { not_types: ["*"] },
  room: {
    state: { lazy_load_members: false },
    timeline: { lazy_load_members: false },
  },
};
