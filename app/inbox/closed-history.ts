import type { MatrixClient, Room } from "matrix-js-sdk";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { openClosedConversation } from "../_console/console-api";

type HistoryClient = Pick<MatrixClient, "getRoom" | "peekInRoom" | "stopPeeking" | "store">;

/**
 * Opens a closed conversation this console has left, read-only: first our
 * checked route (403 unless it was assigned to the agent; each opening is
 * recorded for the audit), then its history from Synapse, which lets a member
 * who left (and did not forget) read the room up to their leave
 * (`/rooms/{id}/initialSync`, then `/messages`). Nothing in the room changes:
 * no invite, no join, no new reader, so the visitor and the audit see nothing
 * new. The keys are the agent's own: this browser's crypto store, else the
 * server-side key backup (matrix-js-sdk fetches a missing session from it),
 * and every message goes through the same trust checks as a joined room's.
 */
export async function openClosedHistory(client: HistoryClient, loadAll: (room: Room) => Promise<void>, roomId: string): Promise<Room> {
  await openClosedConversation(roomId);
  const room = await client.peekInRoom(roomId, 50);
  // The legacy peek then polls /events for a world-readable room: a departed member only reads, once.
  client.stopPeeking();
  await loadAll(room);
  return room;
}

/** Reading done: the room leaves this client's memory again (it stays readable later the same way). */
export function closeClosedHistory(client: HistoryClient, roomId: string): void {
  const room = client.getRoom(roomId);
  if (room && room.getMyMembership() !== "join") client.store.removeRoom(roomId);
}

/** The history loader the console uses (whole conversation, then senders' keys). */
export const loadClosedHistory =
  (client: MatrixClient) =>
  (room: Room): Promise<void> =>
    loadWholeHistory(client, room);
