"use client";

import { useEffect, useState } from "react";

// A type only (erased at build time): the Queue and All rows as app/_server/conversation-lists.ts returns them.
export type { ConversationSummary } from "../_server/conversation-lists";
import type { ConversationSummary } from "../_server/conversation-lists";

const POLL_MS = 5_000;

/** Queue (the agent's teams' waiting conversations) or All (operators), polled from our API while shown. */
export function useServerConversations(view: "queue" | "all" | null): { rows: ConversationSummary[] | null; error: string | null; reload: () => void } {
  const [rows, setRows] = useState<ConversationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    setRows(null);
    setError(null);
    if (!view) return;
    let live = true;
    const load = (): void =>
      void fetch(view === "queue" ? "/api/agent/queue" : "/api/operator/conversations", { cache: "no-store" })
        .then(async (r) => {
          const json = (await r.json()) as { conversations?: ConversationSummary[]; error?: string };
          if (!r.ok || !json.conversations) throw new Error(json.error ?? `HTTP ${r.status}`);
          if (!live) return;
          setRows(json.conversations);
          setError(null);
        })
        .catch((err: Error) => live && setError(err.message));
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [view, tick]);
  return { rows, error, reload: () => setTick((t) => t + 1) };
}

/** "3 min", "45 s", "2 h 5 min". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const visitorLabel = (userId: string): string => `Visitor ${userId.slice(9, 15)}`;

const STATUS: Record<ConversationSummary["status"], string> = { queued: "Waiting", assigned: "Offered", active: "Active", closed: "Closed" };

type ListProps = { view: "queue" | "all"; rows: ConversationSummary[] | null; error: string | null; selected: string | null; onSelect: (roomId: string) => void; onTake: (roomId: string) => void; taking: string | null };

/** The Queue or All list: metadata only (our server cannot read content). */
export function ServerConversationList({ view, rows, error, selected, onSelect, onTake, taking }: ListProps) {
  if (error) return <p role="alert" className="error small">Could not load: {error}</p>;
  if (!rows) return <p role="status" className="muted small">Loading…</p>;
  if (rows.length === 0) return <p className="muted small empty-search">{view === "queue" ? "Nobody is waiting." : "No open conversations."}</p>;
  return (
    <ul className="server-list" aria-label={view === "queue" ? "Waiting conversations" : "All open conversations"}>
      {rows.map((r) => (
        <li key={r.roomId} aria-current={r.roomId === selected ? "true" : undefined}>
          <button type="button" className="link" onClick={() => onSelect(r.roomId)}>
            {visitorLabel(r.visitorUserId)}
          </button>
          {view === "queue" ? (
            <button type="button" className="secondary" disabled={taking !== null} onClick={() => onTake(r.roomId)} aria-label={`Take ${visitorLabel(r.visitorUserId)}`}>
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

/** Opening a conversation this browser cannot read: its metadata and why there is no content. */
export function MetadataOnly({ row }: { row: ConversationSummary }) {
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
        <dt>Started</dt>
        <dd>{new Date(row.createdAt).toLocaleString()}</dd>
        <dt>Wait</dt>
        <dd>{formatWait(row.waitSeconds)}</dd>
      </dl>
      <p role="note">
        The messages are end-to-end encrypted for the visitor and the agents who are its readers. You are not one of them, so neither you nor our server can read
        this conversation here. Take it from the queue or have it transferred to you to read it.
      </p>
    </section>
  );
}
