"use client";

import { useQuery } from "@tanstack/react-query";
import type { ConversationSummary } from "../../lib/console-api/conversation-summary";
import { fetchTeamConversations, queryKeys } from "../_console/console-api";
import { ListState } from "./list-state";
import { ConversationMetadata, formatWait, STATUS, visitorLabel } from "./queue-and-all-views";

const POLL_MS = 5_000;

/** A supervisor's team and its open conversations, polled from our API (metadata only); nothing for anyone else. */
export function useTeamConversations(supervisor: boolean) {
  const q = useQuery({
    queryKey: queryKeys.conversationList("team"),
    queryFn: fetchTeamConversations,
    enabled: supervisor,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
  });
  return { rows: q.data?.conversations ?? null, error: q.error?.message ?? null };
}

type ListProps = {
  rows: ConversationSummary[] | null;
  error: string | null;
  selected: string | null;
  onSelect: (roomId: string) => void;
  readable: (roomId: string) => boolean;
};

/** The Team view: every open conversation of the supervised team, and whether this browser can read it yet. */
export function TeamConversationList({ rows, error, selected, onSelect, readable }: ListProps) {
  if (error || !rows || rows.length === 0)
    return <ListState error={error} rows={rows} errorText="Could not load" empty="Your team has no open conversations." />;
  return (
    <ul className="server-list" aria-label="Team conversations">
      {rows.map((r) => (
        <li key={r.roomId} aria-current={r.roomId === selected ? "true" : undefined}>
          <button type="button" className="link" onClick={() => onSelect(r.roomId)}>
            {visitorLabel(r.visitorUserId)}
          </button>
          <span className="small">{STATUS[r.status]}</span>
          <span className="muted small">
            {r.siteName} · {r.agentName ?? "no agent"} · waiting {formatWait(r.waitSeconds)} ·{" "}
            {readable(r.roomId) ? "readable here" : "not shared with you yet"}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Why a supervisor reads (and only reads) a conversation here: a declared reader, invited by a browser that holds the keys. */
export function SupervisorNote({ team }: { team: string }) {
  return (
    <p role="note" className="small muted supervisor-note">
      You read this conversation as the supervisor of {team}: a declared reader, listed in the conversation and in the audit. It is read-only here; to answer
      the visitor, have it transferred to you.
    </p>
  );
}

/** A team conversation this browser cannot read yet: no server can open it for a supervisor. */
export function TeamMetadata({ row, team }: { row: ConversationSummary; team: string }) {
  return (
    <ConversationMetadata row={row} timing={false}>
      As the supervisor of {team} you are one of this conversation&apos;s declared readers, but the keys have not reached you yet: the visitor&apos;s browser
      (or the agent&apos;s) invites you and shares the history once it has checked that the organisation&apos;s signed roster lists you. Neither our server nor
      anyone else can give you the messages.
    </ConversationMetadata>
  );
}
