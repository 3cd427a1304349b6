import type { MatrixClient, Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import { currentRouting } from "../../lib/matrix/current-routing";
import { roomReaders } from "../../lib/matrix/room-membership";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { conversationLabel, unreadCount } from "./conversation-filter";
import { forwarderTrusted } from "./history-trust";
import type { RoomReaders } from "./matrix-store";

/** How the console's store reads its rooms: the same reads the inbox made on every redraw before. */
export function consoleRoomReaders(client: MatrixClient): RoomReaders {
  const messages = (room: Room) => timelineMessages(room, { trustsForwarder: (u) => forwarderTrusted(room, u) });
  return {
    summary: (room) => ({
      roomId: room.roomId,
      conversation: room.currentState.getStateEvents(CONVERSATION_EVENT, "") !== null,
      ...conversationLabel(room),
      closed: currentRouting(client, room.roomId)?.status === "closed",
      lastActive: room.getLastActiveTimestamp(),
      unread: unreadCount(client, room),
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
