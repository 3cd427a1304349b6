"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useCallback, useMemo } from "react";
import { selectConversations, supervisedRoomIds, unreadInMine, type InboxView, type RoomSummary } from "../../lib/console-state/room-summary";
import type { SecretStorageKeyHolder } from "../../lib/matrix/secure-backup";
import { ConversationList } from "./conversation-list";
import { ClosedConversationList, ClosedHistoryView, useClosedConversations } from "./closed-view";
import { ConversationView } from "./conversation-view";
import { IncomingVerification } from "./device/incoming-verification";
import { InboxShortcuts } from "./inbox-shortcuts";
import type { Agent } from "./inbox-header";
import type { MatrixStore } from "./matrix-store";
import { OrgKeySetup } from "./org-key/org-key-setup";
import { MetadataOnly, ServerConversationList, useServerConversations } from "./queue-and-all-views";
import { SyncStatus } from "./sync-status";
import { TeamConversationList, TeamMetadata, useTeamConversations } from "./team-view";
import { useRoomSummaries } from "./use-matrix-store";
import { useTake } from "./use-take";

/** Which view, search and conversation the agent has chosen (kept by the page across set-up screens). */
export type InboxNavigation = {
  view: InboxView;
  setView: (view: InboxView) => void;
  query: string;
  setQuery: (query: string) => void;
  selected: string | null;
  setSelected: (roomId: string | null) => void;
};

type Props = { agent: Agent; client: MatrixClient; store: MatrixStore; holder: SecretStorageKeyHolder; orgKeyMissing: boolean; nav: InboxNavigation };

/** A supervisor's team conversations are under Team (read-only), never in Mine: the rooms of each, and the Team row chosen. */
function useTeamSplit(agent: Agent, all: readonly RoomSummary[], selectedInTeam: string | null) {
  const team = useTeamConversations(!!agent.supervises);
  const supervised = useMemo(() => supervisedRoomIds(team.rows, agent.userId), [team.rows, agent.userId]);
  const summaries = useMemo(() => all.filter((s) => !supervised.has(s.roomId)), [all, supervised]);
  const teamRow = selectedInTeam ? (team.rows?.find((r) => r.roomId === selectedInTeam) ?? null) : null;
  return { team, supervised, summaries, teamRow };
}

/**
 * Opens an earlier conversation of the open one's visitor in the Closed view (its own
 * rule and audit record). Stable, as ConversationView is memoised.
 */
function useOpenEarlier(setView: (v: InboxView) => void, setSelected: (roomId: string | null) => void) {
  return useCallback(
    (roomId: string): void => {
      setView("closed");
      setSelected(roomId);
    },
    [setView, setSelected],
  );
}

/**
 * The inbox once the agent's device is ready: the list (this browser's rooms
 * in Mine and Closed, the server's metadata in Queue and All) and the open
 * conversation. Redrawn when the list's snapshot changes, not on typing.
 */
export function InboxReady({ agent, client, store, holder, orgKeyMissing, nav }: Props) {
  const { view, setView, query, setQuery, selected, setSelected } = nav;
  const all = useRoomSummaries(store);
  const { team, supervised, summaries, teamRow } = useTeamSplit(agent, all, view === "team" ? selected : null);
  const joined = all.some((s) => s.roomId === selected);
  const serverView = view === "queue" || view === "all" ? view : null;
  const server = useServerConversations(serverView);
  // Closed comes from our database: this console leaves closed conversations (leave-closed-rooms.ts).
  const closed = useClosedConversations(view === "closed");
  const closedRow = view === "closed" ? (closed.rows?.find((r) => r.roomId === selected) ?? null) : null;
  const taken = (roomId: string): void => {
    setSelected(roomId);
    setView("mine");
  };
  const { taking, message, take } = useTake(taken, server.reload);
  const openEarlier = useOpenEarlier(setView, setSelected);
  const list = useMemo(() => selectConversations(summaries, view, query, store.bodies), [summaries, view, query, store]);
  const current = joined ? selected : null;
  const serverRow = serverView ? (server.rows?.find((r) => r.roomId === selected) ?? null) : null;
  const serverList = serverView ? (
    <ServerConversationList
      view={serverView}
      rows={server.rows}
      error={server.error}
      selected={selected}
      onSelect={setSelected}
      onTake={(id) => void take(id)}
      taking={taking}
    />
  ) : view === "team" ? (
    <TeamConversationList rows={team.rows} error={team.error} selected={selected} onSelect={setSelected} readable={(id) => all.some((s) => s.roomId === id)} />
  ) : view === "closed" ? (
    <ClosedConversationList closed={closed} selected={selected} onSelect={setSelected} />
  ) : undefined;
  return (
    <>
      {orgKeyMissing && <OrgKeySetup client={client} holder={holder} userId={agent.userId} />}
      <IncomingVerification client={client} />
      <SyncStatus client={client} />
      <InboxShortcuts ids={serverView || view === "team" ? [] : list.map((r) => r.roomId)} selected={current} onSelect={setSelected} />
      {message && (
        <p role="status" className="small take-status">
          {message}
        </p>
      )}
      <main className="inbox">
        <ConversationList
          rooms={list}
          selected={current}
          onSelect={setSelected}
          view={view}
          onView={setView}
          query={query}
          onQuery={setQuery}
          unreadMine={unreadInMine(summaries, selected)}
          operator={agent.role === "operator"}
          supervisor={!!agent.supervises}
          serverList={serverList}
        />
        {current && (!serverView || serverRow) ? (
          <ConversationView
            client={client}
            store={store}
            roomId={current}
            supervising={supervised.has(current) ? (agent.supervises?.name ?? null) : null}
            onOpenEarlier={openEarlier}
          />
        ) : closedRow ? (
          <ClosedHistoryView key={closedRow.roomId} client={client} row={closedRow} />
        ) : serverRow ? (
          <MetadataOnly row={serverRow} />
        ) : teamRow ? (
          <TeamMetadata row={teamRow} team={agent.supervises?.name ?? ""} />
        ) : (
          <section className="empty muted">{list.length ? "Choose a conversation." : "No conversations yet. New chats assigned to you appear here."}</section>
        )}
      </main>
    </>
  );
}
