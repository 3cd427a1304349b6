"use client";

import { useQuery } from "@tanstack/react-query";
import type { Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import { fetchVisitorConversations, visitorConversationsKey } from "../_console/customer-api";

/**
 * The visitor's earlier conversations that this agent may read (it was assigned
 * to them: the Closed view's rule, decided by the app), newest first. Metadata
 * only; a closed one opens in the Closed view, where its history is decrypted.
 */
export function EarlierConversations({ room, onOpen }: { room: Room; onOpen?: (roomId: string) => void }) {
  const visitor = room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getSender();
  const list = useQuery({
    queryKey: visitorConversationsKey(visitor ?? "", room.roomId),
    queryFn: () => fetchVisitorConversations(visitor!, room.roomId),
    enabled: Boolean(visitor),
    staleTime: 60_000,
  });
  const rows = list.data?.conversations ?? [];
  if (!visitor || rows.length === 0) return null;
  return (
    <details className="earlier-conversations" data-testid="earlier-conversations">
      <summary>Earlier conversations with this visitor ({rows.length})</summary>
      <ul aria-label="Earlier conversations with this visitor">
        {rows.map((c) => (
          <li key={c.roomId}>
            <span>{new Date(c.createdAt).toLocaleString()}</span>
            <span className="muted small"> · {c.closedAt ? `closed ${new Date(c.closedAt).toLocaleString()}` : c.status}</span>
            {c.status === "closed" && onOpen ? (
              <button type="button" className="link" onClick={() => onOpen(c.roomId)}>
                Open
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
