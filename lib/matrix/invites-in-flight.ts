import type { MatrixClient } from "matrix-js-sdk";

// Invitations in flight, per client and room: sends wait for them (see invitesSettled).
const inFlight = new WeakMap<MatrixClient, Map<string, Set<Promise<void>>>>();

/** Records an invitation this client is sending to the room, until `p` settles. */
export function trackInvite(client: MatrixClient, roomId: string, p: Promise<void>): void {
  const rooms = inFlight.get(client) ?? new Map<string, Set<Promise<void>>>();
  inFlight.set(client, rooms);
  const set = rooms.get(roomId) ?? new Set<Promise<void>>();
  rooms.set(roomId, set);
  set.add(p);
  // Bookkeeping only: `p` is awaited by invitesSettled, and its caller handles its errors.
  void p.finally(() => set.delete(p));
}

/**
 * Resolves when no invitation of this client to this room is in flight.
 * Sharing the history for an invite rotates the sender's Megolm session; a
 * message sent before the invite shows in the room's membership would go out
 * in a session the invitee never gets. So senders wait for this first.
 */
export async function invitesSettled(client: MatrixClient, roomId: string): Promise<void> {
  const set = inFlight.get(client)?.get(roomId);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}
