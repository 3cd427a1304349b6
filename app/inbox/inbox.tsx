"use client";

import type { Room } from "matrix-js-sdk";
import { useState } from "react";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import { AvailabilityToggle } from "./availability-toggle";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { DeviceSetup } from "./device/device-setup";
import { IncomingVerification } from "./device/incoming-verification";
import { NotificationPermission } from "./notification-permission";
import { SignOut } from "./sign-out";
import { useMatrixClient } from "./use-matrix-client";

type Agent = { userId: string; name: string; role: "agent" | "operator" };

function conversations(rooms: Room[]): Room[] {
  return rooms
    .filter((r) => r.getMyMembership() === "join" && r.currentState.getStateEvents(CONVERSATION_EVENT, "") !== null)
    .sort((a, b) => b.getLastActiveTimestamp() - a.getLastActiveTimestamp());
}

export function Inbox({ agent, wasmUrl }: { agent: Agent; wasmUrl: string }) {
  const { state, version, deviceReady } = useMatrixClient(agent.userId, wasmUrl);
  const [selected, setSelected] = useState<string | null>(null);
  const client = state.phase === "ready" || state.phase === "device-setup" ? state.client : null;

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
          <a href="/operator/agents" className="small">
            Agents and teams
          </a>
        </>
      )}
      <NotificationPermission />
      <AvailabilityToggle />
      <SignOut client={client} />
    </header>
  );

  if (state.phase === "device-setup") {
    return (
      <>
        {header}
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

  const list = conversations(state.client.getRooms());
  const current = list.find((r) => r.roomId === selected) ?? null;
  return (
    <>
      {header}
      <IncomingVerification client={state.client} />
      <main className="inbox" data-version={version}>
        <ConversationList rooms={list} selected={current?.roomId ?? null} onSelect={setSelected} />
        {current ? (
          <ConversationView client={state.client} room={current} />
        ) : (
          <section className="empty muted">{list.length ? "Choose a conversation." : "No conversations yet. New chats assigned to you appear here."}</section>
        )}
      </main>
    </>
  );
}
