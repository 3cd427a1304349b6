import type { RoutingContent } from "@/lib/conversation/event-types";
import { routingContent } from "@/lib/routing/routing-content";
import type { Unpublished } from "../router-store";
import type { RoomFact } from "../room-facts";

/**
 * Publishing one conversation's routing state: write it, then withdraw the
 * access it no longer grants, then mark the version published, then tell the
 * agent once per assignment.
 */
export type PublishAction = {
  kind: "publish";
  roomId: string;
  version: number;
  content: RoutingContent;
  /** Members to remove once the state is written. */
  withdraw: { userId: string; reason: string }[];
  /** The agent to tell in their status room, if not told of this assignment yet. */
  notify: string | null;
  /** Closed: forget whom it was announced to. */
  forget: boolean;
  /** For the log. */
  summary: string;
};

/**
 * Withdraws access the new state no longer grants: pending invites of agents
 * who are not readers once someone took the conversation, and joined agents who
 * are not readers once the new agent accepted (transfer). Pure.
 */
function withdrawals(u: Unpublished, content: RoutingContent, room: RoomFact | undefined, me: string): { userId: string; reason: string }[] {
  const out: { userId: string; reason: string }[] = [];
  for (const m of room?.members ?? []) {
    if (m.userId === me || m.userId === u.visitorUserId || content.readers.includes(m.userId)) continue;
    const staleInvite = m.membership === "invite" && (u.status === "assigned" || u.status === "active");
    const replaced = m.membership === "join" && u.status === "active";
    if (staleInvite || replaced) out.push({ userId: m.userId, reason: staleInvite ? "Another agent took this conversation" : "Conversation transferred" });
  }
  return out;
}

/**
 * What to publish for conversations whose room state lags behind the
 * database. The state is sent whatever the router's copy of the room says (the
 * server refuses if the router is not in it; the next pass retries). Each
 * assignment is announced once, also when the agent joined before it was
 * published (already active). Pure.
 */
export function planPublish(input: {
  me: string;
  now: number;
  unpublished: readonly Unpublished[];
  rooms: ReadonlyMap<string, RoomFact>;
  notified: ReadonlyMap<string, string>;
}): PublishAction[] {
  return input.unpublished.map((u) => {
    const content = routingContent(u, input.now);
    const assigned = (u.status === "assigned" || u.status === "active") && u.agentUserId !== null && input.notified.get(u.roomId) !== u.agentUserId;
    return {
      kind: "publish",
      roomId: u.roomId,
      version: u.version,
      content,
      withdraw: withdrawals(u, content, input.rooms.get(u.roomId), input.me),
      notify: assigned ? u.agentUserId : null,
      forget: u.status === "closed",
      summary: `${u.status}${u.agentUserId ? ` -> ${u.agentUserId}` : ""}`,
    };
  });
}
