"use client";

import { useRef, type ReactNode } from "react";
import type { InboxView, RoomSummary } from "../../lib/console-state/room-summary";
import { useVisibleRange } from "./use-visible-range";

// Rows have a fixed height (globals.css .conversation-list li) so only the visible ones are rendered.
const ROW_HEIGHT = 56;

type Props = {
  rooms: readonly RoomSummary[];
  selected: string | null;
  onSelect: (roomId: string) => void;
  view: InboxView;
  onView: (view: InboxView) => void;
  query: string;
  onQuery: (query: string) => void;
  unreadMine: number;
  /** Operators also get the All view. */
  operator: boolean;
  /** Shown instead of the joined rooms in the Queue and All views. */
  serverList?: ReactNode;
};

const VIEWS: { id: InboxView; label: string; operatorOnly?: boolean }[] = [
  { id: "mine", label: "Mine" },
  { id: "queue", label: "Queue" },
  { id: "all", label: "All", operatorOnly: true },
  { id: "closed", label: "Closed" },
];

export function ConversationList({ rooms, selected, onSelect, view, onView, query, onQuery, unreadMine, operator, serverList }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { start, end } = useVisibleRange(scroller, ROW_HEIGHT, rooms.length);
  return (
    <nav className="conversation-list" aria-label="Conversations">
      <div className="views" role="tablist" aria-label="Views">
        {VIEWS.filter((v) => operator || !v.operatorOnly).map((v) => (
          <button key={v.id} type="button" role="tab" aria-selected={view === v.id} onClick={() => onView(v.id)}>
            {v.label}
            {v.id === "mine" && unreadMine > 0 && (
              <span className="badge" aria-label={`${unreadMine} unread`}>
                {unreadMine}
              </span>
            )}
          </button>
        ))}
      </div>
      {serverList ?? (
        <>
          <label className="visually-hidden" htmlFor="conversation-search">
            Search conversations
          </label>
          <input
            id="conversation-search"
            type="search"
            className="search"
            placeholder="Search visitor, site or text"
            value={query}
            onChange={(e) => onQuery(e.target.value)}
          />
          <div className="scroller" ref={scroller} data-rows={rooms.length}>
            <ul style={{ height: rooms.length * ROW_HEIGHT }}>
              {rooms.slice(start, end).map((room, i) => {
                const { title, site } = room;
                const unread = room.roomId === selected ? 0 : room.unread;
                return (
                  <li key={room.roomId} style={{ top: (start + i) * ROW_HEIGHT }}>
                    <button type="button" aria-current={room.roomId === selected ? "true" : undefined} onClick={() => onSelect(room.roomId)}>
                      <span>{title}</span>
                      <span className="muted small">{site}</span>
                      {unread > 0 && (
                        <span className="badge" aria-label={`${unread} unread`}>
                          {unread}
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
          {rooms.length === 0 && query && <p className="muted small empty-search">No conversations match.</p>}
        </>
      )}
    </nav>
  );
}
