import type { MatrixClient, Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT, isVisitorUserId } from "../../lib/conversation/event-types";
import { conversationPreview } from "../../lib/console-state/conversation-preview";
import type { RoomSummary } from "../../lib/console-state/room-summary";
import { visitorDisplayName } from "../../lib/console-state/visitor-name";
import { roomVisitor } from "../../lib/matrix/join-with-history";
import { currentRouting } from "../../lib/matrix/current-routing";
import { roomReaders } from "../../lib/matrix/room-membership";
import { timelineMessages, type ChatMessage } from "../../lib/matrix/timeline-messages";
import { conversationLabel, unreadCount } from "./conversation-filter";
import { forwarderTrusted } from "./history-trust";
import type { RoomReaders } from "./matrix-store";
import { prechatAnswers } from "./visitor-prechat";

/** The list row's name, last-message preview and last activity (computed in the browser: the server cannot read them). */
function rowDetails(
  client: MatrixClient,
  room: Room,
  messages: ChatMessage[],
): Pick<RoomSummary, "title" | "nameSource" | "preview" | "previewFrom" | "lastActive"> {
  const visitor = roomVisitor(room) ?? room.getCreator() ?? room.roomId;
  const { name, source } = visitorDisplayName({ userId: visitor, prechatName: prechatAnswers(room)?.name });
  const preview = conversationPreview(messages, client.getSafeUserId(), isVisitorUserId);
  return {
    title: name,
    nameSource: source,
    lastActive: preview?.timestamp ?? room.getLastActiveTimestamp(),
    // Always present (even undefined): the store compares summaries key by key.
    preview: preview?.text,
    previewFrom: preview?.from,
  };
}

/** How the console's store reads its rooms: the same reads the inbox made on every redraw before. */
export function consoleRoomReaders(client: MatrixClient): RoomReaders {
  const messages = (room: Room) => timelineMessages(room, { trustsForwarder: (u) => forwarderTrusted(room, u) });
  return {
    summary: (room) => ({
      roomId: room.roomId,
      conversation: room.currentState.getStateEvents(CONVERSATION_EVENT, "") !== null,
      ...conversationLabel(room),
      closed: currentRouting(client, room.roomId)?.status === "closed",
      unread: unreadCount(client, room),
      ...rowDetails(client, room, messages(room)),
    }),
    view: (room) => ({
      roomId: room.roomId,
      messages: messages(room),
      readers: roomReaders(room).sort(),
      closed: currentRouting(client, room.roomId)?.status === "closed",
    }),
    typing: (room) =>
      room
        .getMembers()
        .filter((m) => m.typing)
        .map((m) => m.userId),
    // Search matched the text as the timeline shows it (no forwarder check), as before.
    bodies: (room) => timelineMessages(room).map((m) => m.body),
  };
}
