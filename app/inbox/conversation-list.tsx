"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { InboxView, RoomSummary } from "../../lib/console-state/room-summary";
import { ConversationRow } from "./conversation-row";
import { useNow } from "./use-now";
import { useVisibleRange } from "./use-visible-range";

// Rows have a fixed height (inbox-polish.css .conversation-row) so only the visible ones are rendered.
const ROW_HEIGHT = 84;

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
  /** Supervisors also get the Team view. */
  supervisor?: boolean;
  /** Shown instead of the joined rooms in the Queue and All views. */
  serverList?: ReactNode;
};

const VIEWS: { id: InboxView; label: string; operatorOnly?: boolean; supervisorOnly?: boolean }[] = [
  { id: "mine", label: "Mine" },
  { id: "queue", label: "Queue" },
  { id: "team", label: "Team", supervisorOnly: true },
  { id: "all", label: "All", operatorOnly: true },
  { id: "closed", label: "Closed" },
];

export function ConversationList({ rooms, selected, onSelect, view, onView, query, onQuery, unreadMine, operator, supervisor, serverList }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { start, end } = useVisibleRange(scroller, ROW_HEIGHT, rooms.length);
  const now = useNow();
  // Keep the open conversation's row in view (j/k move past the rendered rows).
  const at = selected ? rooms.findIndex((r) => r.roomId === selected) : -1;
  useEffect(() => {
    const el = scroller.current;
    if (!el || at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [at]);
  return (
    <nav className="conversation-list" aria-label="Conversations">
      <div className="views" role="tablist" aria-label="Views">
        {VIEWS.filter((v) => (operator || !v.operatorOnly) && (supervisor || !v.supervisorOnly)).map((v) => (
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
          {rooms.length === 0 && (
            <p className="muted small empty-search">
              {query ? "No conversations match." : view === "closed" ? "No closed conversations." : "No open conversations yet."}
            </p>
          )}
          <div className="scroller" ref={scroller} data-rows={rooms.length}>
            {/* ARIA list roles on divs, not ul/li: the rows repeat message text, and "li" is how the messages are found. */}
            <div role="list" className="rows" style={{ height: rooms.length * ROW_HEIGHT }}>
              {rooms.slice(start, end).map((room, i) => (
                // Only the rows in view are in the DOM: each says where it is in the whole list.
                <div role="listitem" key={room.roomId} aria-setsize={rooms.length} aria-posinset={start + i + 1} style={{ top: (start + i) * ROW_HEIGHT }}>
                  <ConversationRow room={room} selected={room.roomId === selected} now={now} onSelect={onSelect} />
                </div>
              ))}
            </div>
          </div>
        </>
      )}
    </nav>
  );
}
