"use client";

import { useEffect, useState, type ReactNode } from "react";
import type { InboxView } from "../../lib/console-state/room-summary";
import { DeviceSetup } from "./device/device-setup";
import { OwnIdentityAlert } from "./identity/own-identity";
import { useOwnIdentity } from "./identity/use-own-identity";
import { InboxHeader, type Agent } from "./inbox-header";
import { InboxReady, type InboxNavigation } from "./inbox-ready";
import { roomFromUrl, useOpenRoomFromNotification } from "./push-open-room";
import { useConsolePresence } from "./use-console-presence";
import { useMatrixClient, type MatrixState } from "./use-matrix-client";

/** While the client starts, or when it could not. */
function InboxStatus({ state }: { state: Extract<MatrixState, { phase: "loading" | "error" }> }) {
  return (
    <main className="centered" aria-busy={state.phase === "loading"}>
      {state.phase === "loading" ? (
        <p role="status">{state.step}…</p>
      ) : (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
    </main>
  );
}

function useNavigation(): InboxNavigation {
  // A tapped push notification opens the console at its conversation (?room=), or posts it to an open console.
  const [selected, setSelected] = useState<string | null>(roomFromUrl);
  const [view, setView] = useState<InboxView>("mine");
  const [query, setQuery] = useState("");
  useOpenRoomFromNotification(setSelected);
  return { selected, setSelected, view, setView, query, setQuery };
}

/** The agent's console: starts the encrypted client, sets the device up when needed, then shows the inbox. */
export function Inbox({ agent, wasmUrl, orgKeyMissing }: { agent: Agent; wasmUrl: string; orgKeyMissing: boolean }) {
  const { state, deviceReady, holder } = useMatrixClient(agent.userId, wasmUrl);
  const nav = useNavigation();
  useConsolePresence();
  const client = state.phase === "ready" || state.phase === "device-setup" ? state.client : null;
  const ownIdentity = useOwnIdentity(client);
  // The inbox is on screen (effects run after the commit): the session starts what the list did not wait for.
  const shown = state.phase === "ready" ? state.shown : null;
  useEffect(() => shown?.(), [shown]);
  const header = <InboxHeader agent={agent} client={client} ownIdentity={ownIdentity} />;
  const withAlert = (body: ReactNode) => (
    <>
      {header}
      <OwnIdentityAlert identity={ownIdentity} />
      {body}
    </>
  );

  if (state.phase === "device-setup")
    return withAlert(
      <main className="centered">
        <DeviceSetup client={state.client} identity={state.identity} holder={state.holder} onDone={deviceReady} />
      </main>,
    );
  if (state.phase !== "ready")
    return (
      <>
        {header}
        <InboxStatus state={state} />
      </>
    );
  return withAlert(<InboxReady agent={agent} client={state.client} store={state.store} holder={holder} orgKeyMissing={orgKeyMissing} nav={nav} />);
}
