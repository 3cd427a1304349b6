import type { OpenConversation } from "../router-store";
import type { MemberFact, RoomFact } from "../room-facts";

/** A routing change that room membership, the visitor's close or a timer calls for. */
export type MembershipAction =
  | { kind: "close"; roomId: string; reason: "visitor" }
  | { kind: "close-inactive"; roomId: string; cutoff: Date }
  /** The assigned agent joined. */
  | { kind: "accept"; roomId: string; userId: string; at: Date }
  /** Another member joined an unaccepted conversation: the store says whether they may claim it. */
  | { kind: "claim"; roomId: string; userId: string; at: Date }
  /** Someone other than the agent joined an accepted conversation. */
  | { kind: "kick"; roomId: string; userId: string; reason: string; powerLevelsId: string | null }
  /** The assigned agent rejected the invite or left after the assignment. */
  | { kind: "decline"; roomId: string; agentUserId: string }
  | { kind: "no-show"; roomId: string; agentUserId: string };

type Timers = { now: Date; noShowMs: number; inactivityMs: number };

/** Offboarded agents leave every open conversation, whatever its status: a kick, so that the room's Megolm session rotates. */
function offboardedRule(c: OpenConversation, room: RoomFact, m: MemberFact, offboarded: ReadonlySet<string>): MembershipAction | null {
  if (!offboarded.has(m.userId) || (m.membership !== "join" && m.membership !== "invite")) return null;
  return { kind: "kick", roomId: c.roomId, userId: m.userId, reason: "No longer with the support team", powerLevelsId: room.powerLevelsId };
}

/**
 * A former supervisor of the team who joined, or was invited, while they
 * supervised it holds keys the role no longer grants: kicked (Megolm rotates),
 * whatever the status. A later join (a stand-by taking it) is judged as any other.
 */
function formerSupervisorRule(c: OpenConversation, room: RoomFact, m: MemberFact): MembershipAction | null {
  if (m.userId === c.agentUserId || (m.membership !== "join" && m.membership !== "invite")) return null;
  const former = c.formerSupervisors.find((f) => f.userId === m.userId);
  if (!former || m.ts === null || m.ts > former.at.getTime()) return null;
  return { kind: "kick", roomId: c.roomId, userId: m.userId, reason: "No longer a supervisor of this team", powerLevelsId: room.powerLevelsId };
}

/** The membership rules for one member of one open conversation's room. */
function memberRule(c: OpenConversation, room: RoomFact, m: MemberFact, now: Date): MembershipAction | null {
  const at = new Date(m.ts ?? now.getTime());
  if (m.membership === "join") {
    if (c.status !== "active") return { kind: m.userId === c.agentUserId ? "accept" : "claim", roomId: c.roomId, userId: m.userId, at };
    if (m.userId !== c.agentUserId)
      return { kind: "kick", roomId: c.roomId, userId: m.userId, reason: "Not assigned to this conversation", powerLevelsId: room.powerLevelsId };
    return null;
  }
  // A decline is the agent's own leave (a rejected invite or a leave), after this assignment was made.
  const ownLeave = m.membership === "leave" && m.sender === m.userId;
  const sinceAssignment = c.assignedAt !== null && (m.ts ?? 0) >= c.assignedAt.getTime();
  if (ownLeave && c.status === "assigned" && m.userId === c.agentUserId && sinceAssignment) return { kind: "decline", roomId: c.roomId, agentUserId: m.userId };
  return null;
}

/**
 * Turns room membership, the visitor's close and the timers into routing
 * changes, for every open conversation. Pure: the store re-checks each change
 * under the conversation's row lock, so a stale snapshot changes nothing.
 * - The visitor closed: close (nothing else for that room).
 * - Only rooms the router has joined are read; the router and the visitor are not judged.
 * - Timers from the database alone: assigned and not accepted for `noShowMs`
 *   is a no-show; no event for `inactivityMs` closes.
 * - Offboarded agents (`offboarded`) still joined or invited are kicked.
 * - The team's supervisors are declared readers (left alone); former ones who
 *   came in while supervising are kicked.
 */
export function planMembership(
  input: Timers & { me: string; open: readonly OpenConversation[]; rooms: ReadonlyMap<string, RoomFact>; offboarded?: ReadonlySet<string> },
): MembershipAction[] {
  const { now } = input;
  const offboarded = input.offboarded ?? new Set<string>();
  const actions: MembershipAction[] = [];
  for (const c of input.open) {
    const room = input.rooms.get(c.roomId);
    if (room?.myMembership === "join") {
      if (room.visitorClosed) {
        actions.push({ kind: "close", roomId: c.roomId, reason: "visitor" });
        continue;
      }
      for (const m of room.members) {
        if (m.userId === input.me || m.userId === c.visitorUserId) continue;
        // A supervisor of the team is a declared reader: their join neither claims nor is kicked.
        const declared = m.userId !== c.agentUserId && c.supervisorUserIds.includes(m.userId);
        const action = offboardedRule(c, room, m, offboarded) ?? (declared ? null : (formerSupervisorRule(c, room, m) ?? memberRule(c, room, m, now)));
        if (action) actions.push(action);
      }
    }
    if (c.status === "assigned" && c.agentUserId && c.assignedAt && c.assignedAt.getTime() < now.getTime() - input.noShowMs) {
      actions.push({ kind: "no-show", roomId: c.roomId, agentUserId: c.agentUserId });
    }
    const cutoff = new Date(now.getTime() - input.inactivityMs);
    if (c.lastActivityAt < cutoff) actions.push({ kind: "close-inactive", roomId: c.roomId, cutoff });
  }
  return actions;
}
