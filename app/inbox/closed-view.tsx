"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { MatrixClient, Room } from "matrix-js-sdk";
import { useEffect, useReducer, useState } from "react";
import type { ClosedConversation } from "../../lib/console-api/closed-routes";
import { fetchClosedPage, queryKeys } from "../_console/console-api";
import { closeClosedHistory, loadClosedHistory, openClosedHistory } from "./closed-history";
import { MessageItem } from "./message-list";
import { consoleRoomReaders } from "./room-readers";
import { visitorLabel } from "./queue-and-all-views";
import { VisitorContext } from "./visitor-context";
import { ListState } from "./list-state";

const REASON: Record<string, string> = { agent: "closed by the agent", visitor: "ended by the visitor", inactivity: "closed for inactivity" };

/** The Closed view's rows from our database, a page at a time (metadata only). */
export function useClosedConversations(enabled: boolean) {
  const q = useInfiniteQuery({
    queryKey: queryKeys.closed,
    queryFn: ({ pageParam }) => fetchClosedPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    enabled,
  });
  return {
    rows: q.data ? q.data.pages.flatMap((p) => p.conversations) : null,
    error: q.error?.message ?? null,
    more: q.hasNextPage ? () => void q.fetchNextPage() : null,
    loadingMore: q.isFetchingNextPage,
  };
}

type ListProps = { closed: ReturnType<typeof useClosedConversations>; selected: string | null; onSelect: (roomId: string) => void };

/** The Closed view: the agent's closed conversations, newest first, with "Show more". */
export function ClosedConversationList({ closed, selected, onSelect }: ListProps) {
  const { rows, error, more, loadingMore } = closed;
  if (error || !rows || rows.length === 0)
    return <ListState error={error} rows={rows} errorText="Could not load the closed conversations" empty="No closed conversations yet." />;
  return (
    <>
      <ul className="server-list" aria-label="Closed conversations">
        {rows.map((r) => (
          <li key={r.roomId} aria-current={r.roomId === selected ? "true" : undefined}>
            <button type="button" className="link" onClick={() => onSelect(r.roomId)}>
              {visitorLabel(r.visitorUserId)}
            </button>
            <span className="muted small">
              {r.siteName} · {new Date(r.closedAt).toLocaleString()}
              {r.closedReason ? ` · ${REASON[r.closedReason] ?? r.closedReason}` : ""}
            </span>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" className="secondary" onClick={more} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}

/** Opens a closed conversation this console left, read-only, and drops it from memory when closed. */
function useClosedRoom(client: MatrixClient, roomId: string): { room: Room | null; error: string | null } {
  const [state, setState] = useState<{ roomId: string; room: Room | null; error: string | null }>({ roomId, room: null, error: null });
  useEffect(() => {
    let live = true;
    openClosedHistory(client, loadClosedHistory(client), roomId).then(
      (room) => live && setState({ roomId, room, error: null }),
      (e: Error) => live && setState({ roomId, room: null, error: e.message }),
    );
    return () => {
      live = false;
      closeClosedHistory(client, roomId);
    };
  }, [client, roomId]);
  return state.roomId === roomId ? state : { room: null, error: null };
}

// matrix-js-sdk's event names (RoomEvent.Timeline, MatrixEventEvent.Decrypted); the SDK itself is loaded on demand.
const REDRAW_ON = ["Room.timeline", "Event.decrypted"] as const;
type Emitter = { on(e: string, f: () => void): unknown; off(e: string, f: () => void): unknown };

/**
 * The messages of a room read as a departed member, through the same reader
 * (and trust checks) as a joined room's, redrawn as events arrive or decrypt.
 * Not through the store, whose views are for joined rooms only.
 */
function useLeftRoomMessages(client: MatrixClient, room: Room | null) {
  const [revision, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const emitter = client as unknown as Emitter;
    for (const name of REDRAW_ON) emitter.on(name, redraw);
    return () => {
      for (const name of REDRAW_ON) emitter.off(name, redraw);
    };
  }, [client]);
  void revision;
  return room ? consoleRoomReaders(client).view(room).messages : null;
}

/** A closed conversation read from the server as a member who left: its messages, nothing to send. */
export function ClosedHistoryView({ client, row }: { client: MatrixClient; row: ClosedConversation }) {
  const { room, error } = useClosedRoom(client, row.roomId);
  const messages = useLeftRoomMessages(client, room);
  return (
    <section className="conversation" aria-label="Closed conversation">
      <h2>{visitorLabel(row.visitorUserId)}</h2>
      <p className="muted small">
        Closed {new Date(row.closedAt).toLocaleString()} · {row.siteName}. Read-only: you left this conversation when it closed.
      </p>
      {error ? (
        <p role="alert" className="error">
          Could not open this conversation: {error}
        </p>
      ) : !room || !messages ? (
        <p role="status" className="muted">
          Loading the conversation…
        </p>
      ) : (
        <>
          <VisitorContext room={room} />
          <ol className="messages" aria-label="Messages">
            {messages.map((m) => (
              <MessageItem key={m.id} client={client} room={room} m={m} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
