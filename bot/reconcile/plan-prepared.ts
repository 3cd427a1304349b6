import { isVisitorUserId } from "@/lib/conversation/event-types";
import type { RoomFact } from "../room-facts";

/** What the router last wrote of each prepared room: true when recorded as its creator's (owned by the runner). */
export type PreparedMemory = { prepared: ReadonlyMap<string, boolean>; recorded: ReadonlySet<string>; leaving: ReadonlySet<string> };

/** Prepared rooms to record for their creator, and to forget (the creator left). */
export type PreparedRecords = { remember: { roomId: string; visitorUserId: string }[]; forget: string[] };

/**
 * Which prepared rooms the database should name as their creator's, so the app
 * issues a ticket bound to such a room to its creator without asking Synapse
 * (`app/_server/visitor-routing-ticket.ts`). Pure.
 * - Only a room the router has joined, not started with a ticket in its marker,
 *   not recorded as a conversation and not being left, created by a visitor
 *   (the create event's sender, which nobody can change).
 * - Recorded while that visitor is joined; forgotten once the visitor is not.
 * - Only changes are written (`memory.prepared`: what was written last; after a
 *   restart each room is written once again).
 */
export function planPrepared(rooms: readonly RoomFact[], memory: PreparedMemory): PreparedRecords {
  const out: PreparedRecords = { remember: [], forget: [] };
  for (const room of rooms) {
    if (room.myMembership !== "join" || memory.recorded.has(room.roomId) || memory.leaving.has(room.roomId)) continue;
    if (!room.marker || room.marker === "invalid" || !room.marker.prepared || room.marker.ticketId) continue;
    if (!room.creator || !isVisitorUserId(room.creator)) continue;
    const creator = room.creator;
    const joined = room.members.some((m) => m.userId === creator && m.membership === "join");
    if (memory.prepared.get(room.roomId) === joined) continue;
    if (joined) out.remember.push({ roomId: room.roomId, visitorUserId: creator });
    else out.forget.push(room.roomId);
  }
  return out;
}
