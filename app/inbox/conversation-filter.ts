"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import { unverifiedReason } from "../../lib/matrix/timeline-messages";

export type { InboxView } from "../../lib/console-state/room-summary";

/** The list's label for a conversation: the visitor and the site. */
export function conversationLabel(room: Room): { title: string; site: string } {
  const context = room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getContent() ?? {};
  const visitor = room.getCreator() ?? "visitor";
  return { title: `Visitor ${visitor.slice(9, 15)}`, site: typeof context.site_id === "string" ? context.site_id : "" };
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
  return events
    .slice(start)
    .filter((e) => !e.isState() && e.getSender() !== me && (e.getWireType() === "m.room.encrypted" || e.getType() === "m.room.message") && !unverifiedReason(e))
    .length;
}
