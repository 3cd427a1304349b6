"use client";

import { useState } from "react";
import { AvailabilityToggle } from "./availability-toggle";
import { filterConversations, unreadCount, type InboxView } from "./conversation-filter";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { DeviceSetup } from "./device/device-setup";
import { OwnIdentityAlert, OwnIdentityMenu } from "./identity/own-identity";
import { OrgKeySetup } from "./org-key/org-key-setup";
import { useOwnIdentity } from "./identity/use-own-identity";
import { IncomingVerification } from "./device/incoming-verification";
import { NotificationPermission } from "./notification-permission";
import { MetadataOnly, ServerConversationList, useServerConversations } from "./queue-and-all-views";
import { SignOut } from "./sign-out";
import { useMatrixClient } from "./use-matrix-client";

type Agent = { userId: string; name: string; role: "agent" | "operator" };


export function Inbox({ agent, wasmUrl, orgKeyMissing }: { agent: Agent; wasmUrl: string; orgKeyMissing: boolean }) {
  const { state, version, deviceReady, holder } = useMatrixClient(agent.userId, wasmUrl);
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<InboxView>("mine");
  const [query, setQuery] = useState("");
  const client = state.phase === "ready" || state.phase === "device-setup" ? state.client : null;
  const serverView = view === "queue" || view === "all" ? view : null;
  const server = useServerConversations(state.phase === "ready" ? serverView : null);
  const [taking, setTaking] = useState<string | null>(null);
  const [takeMessage, setTakeMessage] = useState<string | null>(null);
  const ownIdentity = useOwnIdentity(client);

  // Take a queued conversation: the server assigns it under the router's rules; the
  // console then joins it as for any assignment (use-matrix-client) and shows it in Mine.
  async function take(roomId: string): Promise<void> {
    setTaking(roomId);
    setTakeMessage(null);
    const res = await fetch("/api/agent/claim", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roomId }) }).catch(() => null);
    const json = ((await res?.json().catch(() => ({}))) ?? {}) as { error?: string };
    setTaking(null);
    if (res?.ok) {
      setTakeMessage("Taken: it opens in Mine once you have joined.");
      setSelected(roomId);
      setView("mine");
    } else setTakeMessage(`Could not take it: ${json.error ?? "network error"}`);
    server.reload();
  }

  const header = (
    <header className="topbar">
      <strong>Sealdesk</strong>
      <span className="muted">
        {agent.name} · {agent.role}
      </span>
      {agent.role === "operator" && (
        <>
          <a href="/operator/metrics" className="small">
            Routing metrics
          </a>
          <a href="/operator/sites" className="small">
            Sites
          </a>
          <a href="/operator/agents" className="small">
            Agents and teams
          </a>
        </>
      )}
      <NotificationPermission />
      <AvailabilityToggle />
      <OwnIdentityMenu identity={ownIdentity} />
      <SignOut client={client} />
    </header>
  );
  const top = (
    <>
      {header}
      <OwnIdentityAlert identity={ownIdentity} />
    </>
  );

  if (state.phase === "device-setup") {
    return (
      <>
        {top}
        <main className="centered">
          <DeviceSetup client={state.client} identity={state.identity} holder={state.holder} onDone={deviceReady} />
        </main>
      </>
    );
  }

  if (state.phase !== "ready") {
    return (
      <>
        {header}
        <main className="centered" aria-busy={state.phase === "loading"}>
          {state.phase === "loading" ? (
            <p role="status">{state.step}…</p>
          ) : (
            <p role="alert" className="error">
              {state.message}
            </p>
          )}
        </main>
      </>
    );
  }

  const rooms = state.client.getRooms();
  const list = filterConversations(state.client, rooms, view, query);
  const unreadMine = filterConversations(state.client, rooms, "mine", "").reduce((n, r) => n + (r.roomId === selected ? 0 : unreadCount(state.client, r)), 0);
  const current = rooms.find((r) => r.roomId === selected && r.getMyMembership() === "join") ?? null;
  const serverRow = serverView ? (server.rows?.find((r) => r.roomId === selected) ?? null) : null;
  const serverList = serverView ? <ServerConversationList view={serverView} rows={server.rows} error={server.error} selected={selected} onSelect={setSelected} onTake={(id) => void take(id)} taking={taking} /> : undefined;
  return (
    <>
      {top}
      {orgKeyMissing && <OrgKeySetup client={state.client} holder={holder} userId={agent.userId} />}
      <IncomingVerification client={state.client} />
      {takeMessage && (
        <p role="status" className="small take-status">
          {takeMessage}
        </p>
      )}
      <main className="inbox" data-version={version}>
        <ConversationList client={state.client} rooms={list} selected={current?.roomId ?? null} onSelect={setSelected} view={view} onView={setView} query={query} onQuery={setQuery} unreadMine={unreadMine} operator={agent.role === "operator"} serverList={serverList} />
        {current && (!serverView || serverRow) ? (
          <ConversationView client={state.client} room={current} />
        ) : serverRow ? (
          <MetadataOnly row={serverRow} />
        ) : (
          <section className="empty muted">{list.length ? "Choose a conversation." : "No conversations yet. New chats assigned to you appear here."}</section>
        )}
      </main>
    </>
  );
}
