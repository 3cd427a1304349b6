"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { AvailabilityToggle } from "./availability-toggle";
import { OwnIdentityMenu } from "./identity/own-identity";
import type { useOwnIdentity } from "./identity/use-own-identity";
import { NotificationsControl } from "./notifications-control";
import { SignOut } from "./sign-out";

/** The signed-in agent as the inbox shows them. */
export type Agent = {
  userId: string;
  name: string;
  role: "agent" | "operator";
  /** The team this agent supervises (they read its conversations as a declared reader), if any. */
  supervises?: { id: string; name: string } | null;
};

/** The inbox's top bar: who is signed in, the operator's pages, notifications, availability, identity and sign-out. */
export function InboxHeader({ agent, client, ownIdentity }: { agent: Agent; client: MatrixClient | null; ownIdentity: ReturnType<typeof useOwnIdentity> }) {
  return (
    <header className="topbar">
      <strong>Sealdesk</strong>
      <span className="muted">
        {agent.name} · {agent.role}
        {agent.supervises ? ` · supervisor of ${agent.supervises.name}` : ""}
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
          <a href="/operator/integrations" className="small">
            Integrations
          </a>
        </>
      )}
      <NotificationsControl />
      <AvailabilityToggle />
      <OwnIdentityMenu identity={ownIdentity} />
      <SignOut client={client} />
    </header>
  );
}
