import type { MatrixClient } from "matrix-js-sdk";

// Per client and room, the tail of the queue of what shares or uses the room's Megolm keys (see inKeyTurn).
const tails = new WeakMap<MatrixClient, Map<string, Promise<void>>>();

/**
 * Runs `fn` when nothing else of this client that shares or uses the room's
 * keys is running in that room, one at a time, in call order. Two things take
 * turns: an invitation that shares the history with the invitee (MSC4268:
 * matrix-js-sdk's invite() sends the room keys it holds *now*), until the
 * invitee shows in the room's membership; and a message's encryption and send.
 * Otherwise a message encrypted while the invitation is on its way goes out in
 * a session that neither the history bundle (made before the session existed)
 * nor the message's recipients (computed before the invitee showed) include:
 * the invitee never reads it.
 */
export function inKeyTurn<T>(client: MatrixClient, roomId: string, fn: () => Promise<T>): Promise<T> {
  const rooms = tails.get(client) ?? new Map<string, Promise<void>>();
  tails.set(client, rooms);
  const run = (rooms.get(roomId) ?? Promise.resolve()).then(fn);
  // The next turn waits for this one to end, however it ends; its caller handles its errors.
  const tail = run.then(
    () => {},
    () => {},
  );
  rooms.set(roomId, tail);
  void tail.then(() => {
    if (rooms.get(roomId) === tail) rooms.delete(roomId);
  });
  return run;
}

/**
 * Resolves when the turns already queued for this room have ended (an
 * invitation in flight has shown in the membership). For checks before a send;
 * never await it inside a turn of the same room.
 */
export function invitesSettled(client: MatrixClient, roomId: string): Promise<void> {
  return tails.get(client)?.get(roomId) ?? Promise.resolve();
}
