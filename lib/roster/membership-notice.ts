import { describeMembershipChange } from "../audit/membership-timeline";
import type { MembershipEvent } from "../audit/types";

/** One membership change as both sides show it in the timeline. */
export type MembershipNotice = { id: string; timestamp: number; kind: "joined" | "invited" | "removed" | "left"; userId: string; by: string };

/**
 * The membership changes to show in a conversation's timeline ("<name>
 * joined", "was invited by", "was removed by", "left"), in room order, from
 * its m.room.member events. Profile changes are left out; a withdrawn invite
 * or a ban counts as removed, a rejected invite as left.
 */
export function membershipNotices(events: readonly MembershipEvent[]): MembershipNotice[] {
  const current = new Map<string, string>();
  const out: MembershipNotice[] = [];
  for (const e of events) {
    const action = describeMembershipChange(current.get(e.userId), e);
    current.set(e.userId, e.membership);
    const kind = kindOf(action);
    if (kind) out.push({ id: e.eventId, timestamp: e.originServerTs, kind, userId: e.userId, by: e.sender });
  }
  return out;
}

function kindOf(action: string | null): MembershipNotice["kind"] | null {
  switch (action) {
    case "join":
      return "joined";
    case "invite":
      return "invited";
    case "kick":
    case "ban":
    case "withdraw invite":
      return "removed";
    case "leave":
    case "reject invite":
      return "left";
    default:
      return null;
  }
}
