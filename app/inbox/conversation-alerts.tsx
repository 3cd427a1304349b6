"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { useEffect, useState } from "react";
import { analyseConversation } from "../../lib/audit/analyse-conversation";
import { alertLabels } from "../../lib/audit/alert-labels";
import type { Alert, AuditSnapshot, KeysQueryResult, RosterEntry } from "../../lib/audit/types";
import { prepareWebSignatureVerifier } from "../../lib/audit/web-signature-verifier";
import type { ReaderProblem } from "../../lib/roster/check-readers";
import { conversationVisitor, roomMembershipEvents } from "../../lib/matrix/room-membership";
import { consoleTrust } from "./console-trust";
import type { ConsoleOutbox } from "./console-outbox";
import { confirmMember } from "./member-guard";

const names = (ids: readonly string[]): string => new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(ids);
const isAre = (ids: readonly unknown[]): string => (ids.length > 1 ? "are" : "is");

function rosterText(problems: readonly ReaderProblem[]): string {
  const strangers = problems.filter((p) => p.reason === "not-on-roster" || p.reason === "router-has-keys").map((p) => p.userId);
  const identity = problems.filter((p) => p.reason === "identity-changed" || p.reason === "no-identity").map((p) => p.userId);
  return [
    strangers.length
      ? `${names(strangers)} ${isAre(strangers)} in this conversation but ${strangers.length > 1 ? "are not agents" : "is not an agent"} on the organisation's signed roster.`
      : "",
    identity.length ? `The encryption identity of ${names(identity)} is not the one on the signed roster.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/**
 * Why the agent's messages (and the visitor's) are held, naming every member
 * who is the reason; without an organisation key, every member the app does
 * not list, with a button per member to continue with them present.
 */
export function MemberWarnings({ roomId, outbox }: { roomId: string; outbox: ConsoleOutbox }) {
  const a = outbox.assessment();
  if (!a) return null;
  if (a.refused)
    return (
      <p role="alert" className="warning member-warning">
        Not sent: {a.refused}. Your messages wait here.
      </p>
    );
  if (a.mode === "roster") {
    if (!a.blocking.length && !a.visitorBlocked.length) return null;
    return (
      <div className="member-warnings">
        {a.blocking.length > 0 && (
          <p role="alert" className="warning member-warning">
            Held: {rosterText(a.blocking)} Your messages wait here and go out once {a.blocking.length > 1 ? "they are" : "this is"} resolved.
          </p>
        )}
        {a.visitorBlocked.length > 0 && (
          <p role="alert" className="warning visitor-held">
            The visitor&apos;s messages are held too: their chat sends nothing while {names(a.visitorBlocked.map((p) => p.userId))} {isAre(a.visitorBlocked)} in
            the conversation.
          </p>
        )}
      </div>
    );
  }
  if (!a.unknown.length) return null;
  const ids = a.unknown.map((u) => u.userId);
  return (
    <div className="member-warnings">
      <p role="alert" className="warning member-warning">
        {names(ids)} {isAre(ids)} in this conversation and {ids.length > 1 ? "are not agents" : "is not an agent"} of this organisation. Without an organisation
        key nothing vouches for who reads: whoever is in the conversation can read what you send next.
        {a.holds ? " Your message waits until you choose to continue." : ""} The visitor&apos;s chat holds their messages the same way until they continue.
      </p>
      {a.unknown
        .filter((u) => !u.confirmed)
        .map((u) => (
          <button key={u.userId} type="button" className="secondary small" onClick={() => (confirmMember(roomId, u.userId), outbox.recheck())}>
            Continue with {u.userId} present
          </button>
        ))}
    </div>
  );
}

const AUDIT_EVERY_MS = 15_000;

/**
 * The audit's analysis (`lib/audit`) of the open conversation, run in this
 * browser: members from the room's state and timeline, device keys from
 * `/keys/query`, signatures checked with WebCrypto, the roster this console
 * verified. Its alerts are shown to the agent, not only to operators. The
 * previous result is kept in this browser, so an identity change shows.
 */
export function AuditAlerts({ client, room, membersKey }: { client: MatrixClient; room: Room; membersKey: string }) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let stopped = false;
    const run = async (): Promise<void> => {
      const trust = await consoleTrust(client.getSafeUserId());
      const membershipEvents = roomMembershipEvents(room);
      const visitorUserId = conversationVisitor(room) ?? "";
      const users = [...new Set([visitorUserId, trust.routerUserId, ...membershipEvents.map((e) => e.userId)])].filter(Boolean);
      // The raw /keys/query answer (the SDK's type for it is narrower than the wire format).
      const keys = (await client.downloadKeysForUsers(users)) as unknown as KeysQueryResult;
      const roster: RosterEntry[] =
        trust.mode === "roster"
          ? trust.roster.agents.map((r) => ({ userId: r.user_id, masterKey: r.master_key }))
          : trust.mode === "degraded"
            ? [...trust.agents].map((userId) => ({ userId }))
            : [];
      const stored = `sealdesk:console:audit:${room.roomId}`;
      const previous = JSON.parse(localStorage.getItem(stored) ?? "null") as AuditSnapshot | null;
      const audit = analyseConversation(
        { roomId: room.roomId, visitorUserId, routerUserId: trust.routerUserId, membershipEvents, keys, roster, previous, now: new Date() },
        await prepareWebSignatureVerifier(keys),
      );
      localStorage.setItem(stored, JSON.stringify(audit.snapshot));
      if (!stopped) setAlerts(audit.alerts);
    };
    const tick = (): void => void run().catch(() => {});
    tick();
    const timer = setInterval(tick, AUDIT_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, room, membersKey]);

  if (!alerts.length) return null;
  return (
    <section className="audit-alerts" aria-label="Security alerts">
      <h3 className="small">Security alerts for this conversation</h3>
      <ul>
        {alerts.map((a) => (
          <li key={`${a.kind}:${a.userId}:${a.deviceId ?? ""}`} role="alert" className="warning" data-kind={a.kind}>
            <strong>{alertLabels[a.kind]}:</strong> {a.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
