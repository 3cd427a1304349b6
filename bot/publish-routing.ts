import { KnownMembership, type MatrixClient } from "matrix-js-sdk";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { routingContent } from "../lib/routing/routing-content";
import type { Store, Unpublished } from "./store";

/**
 * Writes the routing state of one conversation into its room and withdraws
 * access that the new state no longer grants: pending invites of agents who
 * are not readers once someone took the conversation, and joined agents who
 * are not readers once the new agent accepted (transfer). Idempotent.
 */
export async function publishRouting(client: MatrixClient, store: Store, u: Unpublished, now: number): Promise<boolean> {
  const content = routingContent(u, now);
  // Sent whatever our local copy of the room says: the server refuses if we are not in the room
  // (the error is logged and the next pass retries), and a stale local copy must not stall routing.
  await client.sendStateEvent(u.roomId, ROUTING_EVENT, content, "");
  const me = client.getSafeUserId();
  for (const m of client.getRoom(u.roomId)?.getMembers() ?? []) {
    if (m.userId === me || m.userId === u.visitorUserId || content.readers.includes(m.userId)) continue;
    const staleInvite = m.membership === KnownMembership.Invite && (u.status === "assigned" || u.status === "active");
    const replaced = m.membership === KnownMembership.Join && u.status === "active";
    if (staleInvite || replaced) {
      await client.kick(u.roomId, m.userId, staleInvite ? "Another agent took this conversation" : "Conversation transferred").catch(() => {});
    }
  }
  await store.markPublished(u.roomId, u.version);
  return true;
}
