"use client";

import { memo } from "react";
import { WAITING_LABEL, waitingOn } from "../../lib/console-state/conversation-preview";
import { relativeTime } from "../../lib/console-state/relative-time";
import type { RoomSummary } from "../../lib/console-state/room-summary";

type Props = { room: RoomSummary; selected: boolean; now: number; onSelect: (roomId: string) => void };

/**
 * One row of the Mine or Closed list: the visitor's name, the last message's
 * first line (decrypted here), when, whose turn it is and the unread count
 * (bold while there is one). The open conversation counts as read. Memoised:
 * the store keeps a room's summary while it is unchanged, so a redraw of the
 * list (a new row, a scroll, a selection) draws only the rows that changed.
 */
export const ConversationRow = memo(function ConversationRow({ room, selected, now, onSelect }: Props) {
  const unread = selected ? 0 : room.unread;
  const waiting = waitingOn(room.previewFrom);
  const when = room.lastActive > 0 ? new Date(room.lastActive) : null;
  return (
    <button
      type="button"
      className={`conversation-row${unread > 0 ? " unread" : ""}`}
      aria-current={selected ? "true" : undefined}
      onClick={() => onSelect(room.roomId)}
      data-waiting={waiting ?? undefined}
    >
      <span className="row-top">
        <span className="row-name" title={room.nameSource === "generated" ? "A generated name: the visitor gave none" : undefined}>
          {room.title}
        </span>
        {when && (
          <time className="row-time" dateTime={when.toISOString()} title={when.toLocaleString()}>
            {relativeTime(room.lastActive, now, typeof navigator === "undefined" ? "en" : navigator.language)}
          </time>
        )}
      </span>
      <span className="row-preview" data-testid="row-preview">
        {room.previewFrom === "me" ? "You: " : ""}
        {room.preview ?? <em>No messages yet</em>}
      </span>
      <span className="row-meta">
        <span className="row-site">Visitor · {room.site}</span>
        {waiting && <span className={`row-status ${waiting === "us" ? "ours" : ""}`}>{WAITING_LABEL[waiting]}</span>}
        {unread > 0 && (
          <span className="badge" aria-label={`${unread} unread`}>
            {unread}
          </span>
        )}
      </span>
    </button>
  );
});
