"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { conversationLabel, unreadCount, type InboxView } from "./conversation-filter";

type Props = {
  client: MatrixClient;
  rooms: Room[];
  selected: string | null;
  onSelect: (roomId: string) => void;
  view: InboxView;
  onView: (view: InboxView) => void;
  query: string;
  onQuery: (query: string) => void;
  unreadMine: number;
};

const VIEWS: { id: InboxView; label: string }[] = [
  { id: "mine", label: "Mine" },
  { id: "closed", label: "Closed" },
];

export function ConversationList({ client, rooms, selected, onSelect, view, onView, query, onQuery, unreadMine }: Props) {
  return (
    <nav className="conversation-list" aria-label="Conversations">
      <div className="views" role="tablist" aria-label="Views">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" role="tab" aria-selected={view === v.id} onClick={() => onView(v.id)}>
            {v.label}
            {v.id === "mine" && unreadMine > 0 && <span className="badge" aria-label={`${unreadMine} unread`}>{unreadMine}</span>}
          </button>
        ))}
      </div>
      <label className="visually-hidden" htmlFor="conversation-search">
        Search conversations
      </label>
      <input id="conversation-search" type="search" className="search" placeholder="Search visitor, site or text" value={query} onChange={(e) => onQuery(e.target.value)} />
      <ul>
        {rooms.map((room) => {
          const { title, site } = conversationLabel(room);
          const unread = room.roomId === selected ? 0 : unreadCount(client, room);
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
      {rooms.length === 0 && query && <p className="muted small empty-search">No conversations match.</p>}
    </nav>
  );
}
