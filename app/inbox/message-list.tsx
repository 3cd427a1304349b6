"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { memo, useEffect, useLayoutEffect, useRef } from "react";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { markReceived } from "../../lib/perf/latency-marks";
import { AttachmentView } from "./attachment-view";
import type { ConsoleOutbox } from "./console-outbox";
import { OutboxItems, withMembershipNotices } from "./held-messages";

function who(client: MatrixClient, room: Room, m: ChatMessage): string {
  if (m.sender === client.getUserId()) return "You";
  if (isVisitorUserId(m.sender)) return "Visitor";
  return room.getMember(m.sender)?.name ?? m.sender;
}

const STATE_TEXT: Partial<Record<ChatMessage["state"], string>> = {
  pending: "Sending…",
  failed: "Not sent",
  decrypting: "Decrypting…",
  undecryptable: "Unable to decrypt this message",
};

const UNVERIFIED_TEXT: Record<NonNullable<ChatMessage["unverified"]>, string> = {
  not_encrypted: "it was sent without end-to-end encryption",
  unsigned_device: "it was encrypted by a device its owner has not cross-signed",
  untrusted_forwarder: "its key was passed on by someone who is not one of your organisation's verified agents",
};

/** One message: who, what (or why it cannot be shown), when, and whether it was encrypted. */
export function MessageItem({ client, room, m }: { client: MatrixClient; room: Room; m: ChatMessage }) {
  // Possibly forged by the server: never shown as the claimed sender's message.
  if (m.state === "unverified")
    return (
      <li className="unverified" data-state={m.state}>
        <em className="muted">
          Unverified message hidden: {UNVERIFIED_TEXT[m.unverified ?? "not_encrypted"]} (claimed sender {m.sender}).
        </em>
      </li>
    );
  const problem = STATE_TEXT[m.state] && m.state !== "pending" ? STATE_TEXT[m.state] : undefined;
  return (
    <li
      className={`${m.sender === client.getUserId() ? "mine" : "theirs"}${m.prechat ? " prechat" : ""}${m.ratingComment ? " rating-comment" : ""}`}
      data-state={m.state}
    >
      <span className="sender">
        {who(client, room, m)}
        {m.ratingComment ? " · Rating comment" : ""}
      </span>
      {problem ? (
        <em className="muted" title={m.failureReason}>
          {problem}
          {m.failureReason ? ` (${m.failureReason})` : ""}
        </em>
      ) : m.attachment ? (
        <AttachmentView client={client} attachment={m.attachment} />
      ) : (
        <p className="body">{m.body}</p>
      )}
      <span className="muted small">
        {new Date(m.timestamp).toLocaleTimeString()} {m.state === "pending" ? STATE_TEXT.pending : ""}
        {m.encrypted ? " · encrypted" : " · NOT encrypted"}
      </span>
    </li>
  );
}

type RowProps = { client: MatrixClient; room: Room; m: ChatMessage; who: string };

/**
 * Whether a row shows the same: each snapshot of the room rebuilds its messages, so a row compares what it
 * shows (the message's fields and its sender's name), not the object.
 */
export function sameRow(a: RowProps, b: RowProps): boolean {
  return a.client === b.client && a.room === b.room && a.who === b.who && JSON.stringify(a.m) === JSON.stringify(b.m);
}

// A new message redraws its own row, not every row of the conversation (on the main thread the crypto needs).
const MessageRow = memo(function MessageRow({ client, room, m }: RowProps) {
  return <MessageItem client={client} room={room} m={m} />;
}, sameRow);

type Props = { client: MatrixClient; room: Room; messages: readonly ChatMessage[]; outbox: ConsoleOutbox; degraded: boolean };

/** The conversation's messages (with membership notices in the degraded mode) and the agent's messages still on their way; keeps the newest in view. */
export function MessageList({ client, room, messages, outbox, degraded }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const last = messages.at(-1)?.id;
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [last]);
  // The DOM now shows them (the bench reads these marks).
  useLayoutEffect(() => {
    for (const m of messages) if (m.sender !== client.getUserId() && m.state === "sent" && m.encrypted) markReceived(m.id, "painted");
  }, [messages, client]);
  return (
    <ol className="messages" ref={listRef} aria-live="polite" aria-relevant="additions">
      {withMembershipNotices(client, room, messages, degraded).map((m) =>
        "notice" in m ? (
          <li key={m.id} className="membership muted small">
            {m.notice}
          </li>
        ) : (
          <MessageRow key={m.id} client={client} room={room} m={m} who={who(client, room, m)} />
        ),
      )}
      <OutboxItems room={room} outbox={outbox} />
    </ol>
  );
}
