import type { ClosedConversation } from "../router-store";
import type { RoomFact } from "../room-facts";

/** What the router does about a closed conversation whose room it is still in. */
export type ClosedAction =
  /** The visitor wrote within the grace period: open again, with its agent when they are still in the room, else queued. */
  | { kind: "reopen"; roomId: string; agentUserId: string | null; at: Date; closedAt: Date }
  /** The grace period is over: the router leaves (and forgets) the room; it costs nothing live any more. */
  | { kind: "leave-closed"; roomId: string };

/** The visitor's message that reopens `c`, ms, or null. */
function lateVisitorMessage(c: ClosedConversation, room: RoomFact | undefined, graceMs: number): number | null {
  if (!room || room.myMembership !== "join" || room.creator !== c.visitorUserId) return null;
  // The visitor's own "end chat" is final: its widget offers a new conversation instead.
  if (c.closedReason === "visitor" || room.visitorClosed) return null;
  const at = room.creatorLastMessageAt;
  const closedAt = c.closedAt.getTime();
  return at !== null && at > closedAt && at <= closedAt + graceMs ? at : null;
}

/**
 * Rules for closed conversations the router has not left yet. Pure.
 * - Reopen: the room's visitor sent a message (not a state event) after the
 *   close and within `graceMs` of it, and the conversation was not ended by the
 *   visitor. It goes back to its agent when that agent is still joined, else to
 *   the queue. The message's server timestamp counts, so a router that was down
 *   during the grace period still reopens.
 * - Leave: otherwise, once `graceMs` has passed since the close and the room
 *   shows the closed routing state. After that a
 *   visitor's message goes unseen, and the widget offers a new conversation
 *   (it does so from the moment it sees the close).
 */
export function planClosed(input: { now: Date; graceMs: number; closed: readonly ClosedConversation[]; rooms: ReadonlyMap<string, RoomFact> }): ClosedAction[] {
  const actions: ClosedAction[] = [];
  for (const c of input.closed) {
    const room = input.rooms.get(c.roomId);
    const late = lateVisitorMessage(c, room, input.graceMs);
    if (late !== null) {
      const agentJoined = !!c.agentUserId && !!room?.members.some((m) => m.userId === c.agentUserId && m.membership === "join");
      actions.push({ kind: "reopen", roomId: c.roomId, agentUserId: agentJoined ? c.agentUserId : null, at: new Date(late), closedAt: c.closedAt });
    } else if (c.published && c.closedAt.getTime() + input.graceMs < input.now.getTime()) {
      // Only once the room shows the close: the widget and the console must see it before the router goes.
      actions.push({ kind: "leave-closed", roomId: c.roomId });
    }
  }
  return actions;
}
