"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import { currentRouting } from "../../lib/matrix/follow-routing";
import { timelineMessages, unverifiedReason } from "../../lib/matrix/timeline-messages";

/** Mine and Closed come from this browser's rooms; Queue and All from our database (metadata only). */
export type InboxView = "mine" | "queue" | "all" | "closed";

/** The list's label for a conversation: the visitor and the site. */
export function conversationLabel(room: Room): { title: string; site: string } {
  const context = room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getContent() ?? {};
  const visitor = room.getCreator() ?? "visitor";
  return { title: `Visitor ${visitor.slice(9, 15)}`, site: typeof context.site_id === "string" ? context.site_id : "" };
}

/**
 * The joined conversations of one view, newest first, matching `query` in the
 * visitor's name, the site or the decrypted text. Search runs here in the
 * browser: the server never sees the text.
 */
export function filterConversations(client: MatrixClient, rooms: Room[], view: InboxView, query: string): Room[] {
  const q = query.trim().toLowerCase();
  return rooms
    .filter((r) => r.getMyMembership() === "join" && r.currentState.getStateEvents(CONVERSATION_EVENT, "") !== null)
    .filter((r) => (currentRouting(client, r.roomId)?.status === "closed") === (view === "closed"))
    .filter((r) => {
      if (!q) return true;
      const { title, site } = conversationLabel(r);
      return [title, site].some((s) => s.toLowerCase().includes(q)) || timelineMessages(r).some((m) => m.body.toLowerCase().includes(q));
    })
    .sort((a, b) => b.getLastActiveTimestamp() - a.getLastActiveTimestamp());
}

/**
 * Messages from others after the agent's read receipt. Counted here because
 * the server cannot count encrypted messages in a group room as notifications.
 * Unverified messages (in the clear, or from a device not cross-signed) do not count.
 */
export function unreadCount(client: MatrixClient, room: Room): number {
  const me = client.getSafeUserId();
  const events = room.getLiveTimeline().getEvents();
  const upTo = room.getEventReadUpTo(me);
  const start = upTo ? events.findIndex((e) => e.getId() === upTo) + 1 : 0;
  return events.slice(start).filter((e) => !e.isState() && e.getSender() !== me && (e.getWireType() === "m.room.encrypted" || e.getType() === "m.room.message") && !unverifiedReason(e)).length;
}
