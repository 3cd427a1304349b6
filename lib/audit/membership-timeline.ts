import type { MembershipEvent, TimelineEntry } from "./types";

/** Names a membership change the way an operator would say it. */
export function describeMembershipChange(previous: string | undefined, event: MembershipEvent): string | null {
  const self = event.sender === event.userId;
  switch (event.membership) {
    case "join":
      return previous === "join" ? null : "join"; // join → join is a profile change
    case "invite":
      return "invite";
    case "ban":
      return "ban";
    case "knock":
      return "knock";
    case "leave":
      if (previous === "invite") return self ? "reject invite" : "withdraw invite";
      if (previous === "ban") return "unban";
      return self ? "leave" : "kick";
    default:
      return event.membership;
  }
}

/** Membership changes in room order, with who made each (profile changes left out). */
export function membershipTimeline(events: MembershipEvent[]): TimelineEntry[] {
  const current = new Map<string, string>();
  const timeline: TimelineEntry[] = [];
  for (const e of events) {
    const action = describeMembershipChange(current.get(e.userId), e);
    current.set(e.userId, e.membership);
    if (action)
      timeline.push({ at: new Date(e.originServerTs).toISOString(), eventId: e.eventId, userId: e.userId, by: e.sender, membership: e.membership, action });
  }
  return timeline;
}
