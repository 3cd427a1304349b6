"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import { roomMembershipEvents } from "../../lib/matrix/room-membership";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { membershipNotices, type MembershipNotice } from "../../lib/roster/membership-notice";
import type { ConsoleOutbox } from "./console-outbox";

/**
 * The agent's messages the room's timeline does not show yet: held by the
 * member check ("Held"), on their way ("Sending…"), or failed with Retry.
 */
export function OutboxItems({ room, outbox }: { room: Room; outbox: ConsoleOutbox }) {
  const inTimeline = new Set(
    room
      .getLiveTimeline()
      .getEvents()
      .map((e) => e.getTxnId() ?? e.getUnsigned().transaction_id ?? ""),
  );
  const waiting = outbox.items().filter((i) => i.state !== "sent" && !inTimeline.has(i.txnId));
  const held = outbox.holding();
  return (
    <>
      {waiting.map((i) => {
        const body = i.content.file?.name ?? i.content.content?.body ?? "";
        const isHeld = held && i.state === "sending";
        return (
          <li key={i.txnId} className="mine" data-state={i.state === "failed" ? "failed" : "pending"} data-held={isHeld ? "true" : undefined}>
            <span className="sender">You</span>
            <p className="body">{body}</p>
            <span className="muted small">
              {i.state === "failed" ? "Not sent " : isHeld ? "Held" : "Sending…"}
              {i.state === "failed" && (
                <button type="button" className="secondary small" onClick={() => outbox.retry()}>
                  Retry
                </button>
              )}
            </span>
          </li>
        );
      })}
    </>
  );
}

type Notice = { id: string; timestamp: number; notice: string };

function describe(client: MatrixClient, n: MembershipNotice): string {
  const who = (u: string): string => (u === client.getUserId() ? "You" : isVisitorUserId(u) ? `The visitor (${u})` : u);
  switch (n.kind) {
    case "joined":
      return `${who(n.userId)} joined`;
    case "invited":
      return `${who(n.userId)} ${n.userId === client.getUserId() ? "were" : "was"} invited by ${who(n.by)}`;
    case "removed":
      return `${who(n.userId)} ${n.userId === client.getUserId() ? "were" : "was"} removed by ${who(n.by)}`;
    case "left":
      return `${who(n.userId)} left`;
  }
}

/** Without an organisation key, every membership change shows in the timeline where it happened. */
export function withMembershipNotices(client: MatrixClient, room: Room, messages: readonly ChatMessage[], show: boolean): readonly (ChatMessage | Notice)[] {
  if (!show) return messages;
  const notices: Notice[] = membershipNotices(roomMembershipEvents(room)).map((n) => ({ id: n.id, timestamp: n.timestamp, notice: describe(client, n) }));
  return [...messages, ...notices].sort((a, b) => a.timestamp - b.timestamp);
}
