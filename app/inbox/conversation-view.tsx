"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { useEffect, useReducer, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import { AttachButton } from "./attach-button";
import { AttachmentView } from "./attachment-view";
import { VisitorContext } from "./visitor-context";
import { CannedPicker } from "./canned-picker";
import { ConversationActions } from "./conversation-actions";
import { IdentityWarnings } from "./identity-warnings";
import { AuditAlerts, MemberWarnings } from "./conversation-alerts";
import { consoleOutbox } from "./console-outbox";
import { OutboxItems, withMembershipNotices } from "./held-messages";
import { roomReaders } from "../../lib/matrix/room-membership";
import { NotesPanel } from "./notes-panel";
import { currentRouting } from "../../lib/matrix/follow-routing";
import { loadWholeHistory, retryUnknownSenderDevices } from "../../lib/matrix/load-whole-history";
import { timelineMessages, type ChatMessage } from "../../lib/matrix/timeline-messages";
import { forwarderTrusted } from "./history-trust";

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

export function ConversationView({ client, room }: { client: MatrixClient; room: Room }) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const messages = timelineMessages(room, { trustsForwarder: (u) => forwarderTrusted(room, u) });
  // Every message goes through the member check first (held while someone may not read it).
  const outbox = consoleOutbox(client, room.roomId);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => outbox.subscribe(rerender), [outbox]);
  const membersKey = roomReaders(room).sort().join(" ");
  useEffect(() => {
    outbox.recheck();
    const timer = setInterval(() => outbox.recheck(), 10_000);
    return () => clearInterval(timer);
  }, [outbox, membersKey]);
  const degraded = outbox.assessment()?.mode === "degraded";
  const last = messages.at(-1)?.id;

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
    // Read while open: a read receipt (private to the room's members) clears the unread count.
    const latest = room.getLiveTimeline().getEvents().at(-1);
    if (latest && latest.getSender() !== client.getUserId() && room.getEventReadUpTo(client.getSafeUserId()) !== latest.getId()) {
      void client.sendReadReceipt(latest).catch(() => {});
    }
  }, [last, client, room]);

  // The visitor's widget shows "Seen" from this receipt.
  useEffect(() => {
    const ev = room.getLiveTimeline().getEvents().at(-1);
    if (ev?.getId() && ev.getSender() !== client.getUserId() && document.visibilityState === "visible") void client.sendReadReceipt(ev).catch(() => {});
  }, [client, room, last]);

  // The visitor's widget shows "<agent> is typing…".
  const typing = draft.trim().length > 0;
  useEffect(() => {
    void client.sendTyping(room.roomId, typing, 30_000).catch(() => {});
  }, [client, room, typing]);
  const visitorTyping = room.getMembers().some((m) => m.typing && isVisitorUserId(m.userId));

  useEffect(() => {
    void loadWholeHistory(client, room).catch(() => {});
    // Keys of a sender we had never seen may arrive after the first decryption attempt.
    const retry = setInterval(() => void retryUnknownSenderDevices(client, room).catch(() => {}), 3_000);
    return () => clearInterval(retry);
  }, [client, room]);

  async function send(e?: FormEvent): Promise<void> {
    e?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setDraft("");
    setError(null);
    outbox.sendText(body);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  }

  const closed = currentRouting(client, room.roomId)?.status === "closed";
  return (
    <section className="conversation" aria-label="Conversation">
      <ConversationActions roomId={room.roomId} myUserId={client.getSafeUserId()} closed={closed} />
      <MemberWarnings roomId={room.roomId} outbox={outbox} />
      <AuditAlerts client={client} room={room} membersKey={membersKey} />
      <IdentityWarnings client={client} room={room} />
      <VisitorContext room={room} />
      <ol className="messages" ref={listRef} aria-live="polite" aria-relevant="additions">
        {withMembershipNotices(client, room, messages, degraded).map((m) =>
          "notice" in m ? (
            <li key={m.id} className="membership muted small">
              {m.notice}
            </li>
          ) :
          m.state === "unverified" ? (
            // Possibly forged by the server: never shown as the claimed sender's message.
            <li key={m.id} className="unverified" data-state={m.state}>
              <em className="muted">
                Unverified message hidden: {UNVERIFIED_TEXT[m.unverified ?? "not_encrypted"]} (claimed sender {m.sender}).
              </em>
            </li>
          ) : (
            <li key={m.id} className={`${m.sender === client.getUserId() ? "mine" : "theirs"}${m.prechat ? " prechat" : ""}`} data-state={m.state}>
              <span className="sender">{who(client, room, m)}</span>
              {STATE_TEXT[m.state] && m.state !== "pending" ? (
                <em className="muted" title={m.failureReason}>
                  {STATE_TEXT[m.state]}
                  {m.failureReason ? ` (${m.failureReason})` : ""}
                </em>
              ) : (
                <>
                  {m.attachment ? <AttachmentView client={client} attachment={m.attachment} /> : <p className="body">{m.body}</p>}
                </>
              )}
              <span className="muted small">
                {new Date(m.timestamp).toLocaleTimeString()} {m.state === "pending" ? STATE_TEXT.pending : ""}
                {m.encrypted ? " · encrypted" : " · NOT encrypted"}
              </span>
            </li>
          ),
        )}
        <OutboxItems room={room} outbox={outbox} />
      </ol>
      <p className="muted small" aria-live="polite">
        {visitorTyping ? "Visitor is typing…" : ""}
      </p>
      <form className="composer" onSubmit={send} hidden={closed}>
        <label className="visually-hidden" htmlFor="composer-input">
          Reply
        </label>
        <CannedPicker onInsert={(body) => setDraft((d) => (d ? `${d} ${body}` : body))} />
        <textarea id="composer-input" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} placeholder="Write a reply… (Enter to send)" rows={2} />
        <button type="submit" disabled={!draft.trim()}>
          Send
        </button>
        <AttachButton outbox={outbox} />
      </form>
      {(error ?? outbox.lastError()) && (
        <p role="alert" className="error">
          {error ?? outbox.lastError()}
        </p>
      )}
      <NotesPanel client={client} conversationRoomId={room.roomId} />
    </section>
  );
}
