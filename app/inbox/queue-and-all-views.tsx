"use client";

import type { ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConversationSummary } from "../../lib/console-api/conversation-summary";
import { generatedVisitorName } from "../../lib/console-state/visitor-name";
import { fetchConversationList, queryKeys } from "../_console/console-api";
import { ListState } from "./list-state";

export type { ConversationSummary };

const POLL_MS = 5_000;

/** Queue (the agent's teams' waiting conversations) or All (operators), polled from our API while shown. */
export function useServerConversations(view: "queue" | "all" | null): { rows: ConversationSummary[] | null; error: string | null; reload: () => void } {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.conversationList(view ?? "queue"),
    queryFn: () => fetchConversationList(view ?? "queue"),
    enabled: view !== null,
    refetchInterval: POLL_MS,
    // As before: the lists keep polling while the tab is in the background.
    refetchIntervalInBackground: true,
  });
  if (!view) return { rows: null, error: null, reload: () => {} };
  return {
    rows: list.data ?? null,
    error: list.error?.message ?? null,
    reload: () => void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists }),
  };
}

/** "3 min", "45 s", "2 h 5 min". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "Visitor Brave Otter": the same generated name as in Mine (the server cannot know a pre-chat name, which travels encrypted). */
export const visitorLabel = (userId: string): string => `Visitor ${generatedVisitorName(userId)}`;

/** A conversation's status in words. */
export const STATUS: Record<ConversationSummary["status"], string> = { queued: "Waiting", assigned: "Offered", active: "Active", closed: "Closed" };

type ListProps = {
  view: "queue" | "all";
  rows: ConversationSummary[] | null;
  error: string | null;
  selected: string | null;
  onSelect: (roomId: string) => void;
  onTake: (roomId: string) => void;
  taking: string | null;
};

/** The Queue or All list: metadata only (our server cannot read content). */
export function ServerConversationList({ view, rows, error, selected, onSelect, onTake, taking }: ListProps) {
  if (error || !rows || rows.length === 0)
    return <ListState error={error} rows={rows} errorText="Could not load" empty={view === "queue" ? "Nobody is waiting." : "No open conversations."} />;
  return (
    <ul className="server-list" aria-label={view === "queue" ? "Waiting conversations" : "All open conversations"}>
      {rows.map((r) => (
        <li key={r.roomId} aria-current={r.roomId === selected ? "true" : undefined}>
          <button type="button" className="link" onClick={() => onSelect(r.roomId)}>
            {visitorLabel(r.visitorUserId)}
          </button>
          {view === "queue" ? (
            <button
              type="button"
              className="secondary"
              disabled={taking !== null}
              onClick={() => onTake(r.roomId)}
              aria-label={`Take ${visitorLabel(r.visitorUserId)}`}
            >
              {taking === r.roomId ? "Taking…" : "Take"}
            </button>
          ) : (
            <span className="small">{STATUS[r.status]}</span>
          )}
          <span className="muted small">
            {r.siteName} · waiting {formatWait(r.waitSeconds)}
            {view === "all" ? ` · ${r.agentName ?? "no agent"}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A conversation this browser cannot read: its metadata and, in `children`, why there is
 * no content (`timing`: when it started and how long it waited).
 */
export function ConversationMetadata({ row, timing, children }: { row: ConversationSummary; timing: boolean; children: ReactNode }) {
  return (
    <section className="conversation metadata-only" aria-label="Conversation details">
      <h2>{visitorLabel(row.visitorUserId)}</h2>
      <dl>
        <dt>Site</dt>
        <dd>{row.siteName}</dd>
        <dt>Status</dt>
        <dd>{STATUS[row.status]}</dd>
        <dt>Agent</dt>
        <dd>{row.agentName ?? "none yet"}</dd>
        {timing && (
          <>
            <dt>Started</dt>
            <dd>{new Date(row.createdAt).toLocaleString()}</dd>
            <dt>Wait</dt>
            <dd>{formatWait(row.waitSeconds)}</dd>
          </>
        )}
      </dl>
      <p role="note">{children}</p>
    </section>
  );
}

/** Opening a conversation this browser cannot read: its metadata and why there is no content. */
export function MetadataOnly({ row }: { row: ConversationSummary }) {
  return (
    <ConversationMetadata row={row} timing>
      The messages are end-to-end encrypted for the visitor and the agents who are its readers. You are not one of them, so neither you nor our server can read
      this conversation here. Take it from the queue or have it transferred to you to read it.
    </ConversationMetadata>
  );
}
