"use client";

import type { Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";

function label(room: Room): { title: string; site: string } {
  const context = room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getContent() ?? {};
  const visitor = room.getCreator() ?? "visitor";
  return { title: `Visitor ${visitor.slice(9, 15)}`, site: typeof context.site_id === "string" ? context.site_id : "" };
}

export function ConversationList({ rooms, selected, onSelect }: { rooms: Room[]; selected: string | null; onSelect: (roomId: string) => void }) {
  return (
    <nav className="conversation-list" aria-label="Conversations">
      <h2>Mine</h2>
      <ul>
        {rooms.map((room) => {
          const { title, site } = label(room);
          const unread = room.getUnreadNotificationCount();
          return (
            <li key={room.roomId}>
              <button type="button" aria-current={room.roomId === selected ? "true" : undefined} onClick={() => onSelect(room.roomId)}>
                <span>{title}</span>
                <span className="muted small">{site}</span>
                {unread > 0 && <span className="badge" aria-label={`${unread} unread`}>{unread}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
