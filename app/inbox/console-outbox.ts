"use client";

import { EventStatus, EventType, MsgType, type MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { uploadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import { encryptionPreparer } from "../../lib/matrix/prepare-after-check";
import { readyToSendEncrypted } from "../../lib/matrix/send-encrypted-text";
import { inKeyTurn } from "../../lib/matrix/invites-in-flight";
import { MessageOutbox, type OutboxItem } from "../../lib/outbox/message-outbox";
import { markSend } from "../../lib/perf/latency-marks";
import { assessMembers, sameAssessment, type MemberAssessment } from "./member-guard";

// While something holds the agent's messages, the check runs again this often (or at once on a change).
const RECHECK_MS = 3_000;

/** What the agent wrote: a text (or canned response), or a file encrypted and uploaded once. */
export type ConsoleOutgoing = { content?: RoomMessageEventContent; file?: File; uploaded?: RoomMessageEventContent };

/** One conversation's outgoing messages and the member check that holds them. */
export type ConsoleOutbox = {
  sendText(body: string): void;
  sendFile(file: File): void;
  retry(): void;
  items(): readonly OutboxItem<ConsoleOutgoing>[];
  /** True while the message written under `txnId` is on its way (shown as "Sending…" or held). */
  sending(txnId: string): boolean;
  /** The latest member check (null before the first). */
  assessment(): MemberAssessment | null;
  /** Whether the message in flight waits for the member check. */
  holding(): boolean;
  /** Check again now (members changed, or the agent confirmed someone). */
  recheck(): void;
  /** The agent started typing: after the same check as a send (fresh trust), set up the session and share its key. */
  prepare(): void;
  subscribe(listener: () => void): () => void;
  lastError(): string | null;
};

const outboxes = new Map<string, ConsoleOutbox>();

/** Whether the room's outbox shows the message written under `txnId` as on its way ("Sending…" or held). */
export function outboxShows(roomId: string, txnId: string): boolean {
  return outboxes.get(roomId)?.sending(txnId) ?? false;
}

// A failed earlier attempt left a local echo under this txn id: drop it, the retry replaces it.
function dropFailedEcho(client: MatrixClient, roomId: string, txnId: string): void {
  const earlier = client
    .getRoom(roomId)
    ?.getLiveTimeline()
    .getEvents()
    .find((e) => e.getTxnId() === txnId && e.status === EventStatus.NOT_SENT);
  if (earlier) client.cancelPendingEvent(earlier);
}

/** Sends in its turn with invitations that share the history (see inKeyTurn); resolves with the event id. */
async function sendInTurn(client: MatrixClient, roomId: string, content: RoomMessageEventContent, txnId: string): Promise<string> {
  const { event_id: eventId } = await inKeyTurn(client, roomId, () => client.sendEvent(roomId, EventType.RoomMessage, content, txnId));
  markSend(txnId, `sent:${eventId}`);
  return eventId;
}

/** A file is encrypted and uploaded once, before its first send (a retry reuses the upload). */
async function uploadOnce(client: MatrixClient, item: ConsoleOutgoing, failed: (err: Error) => void): Promise<void> {
  if (!item.file || item.uploaded) return;
  item.uploaded = (await uploadEncryptedAttachment(client, item.file).catch((err: Error) => {
    failed(err);
    throw err;
  })) as unknown as RoomMessageEventContent;
}

/**
 * The member check every message of one conversation waits for: `assess` runs it (the latest
 * started one becomes what is shown, redrawn only when its finding changed), `waitUntilSafe`
 * holds until it passes, checking again when woken (`recheck`) or every RECHECK_MS.
 */
function memberGate(client: MatrixClient, roomId: string, changed: () => void) {
  let latest: MemberAssessment | null = null;
  let holding = false;
  let wake: (() => void) | null = null;

  // Assessments overlap (a recheck per membership change, the send's own) and can finish out of
  // order: only the latest started one, which saw the newest members, becomes what is shown.
  let started = 0;
  const assess = async (fresh: boolean): Promise<MemberAssessment | null> => {
    const room = client.getRoom(roomId);
    if (!room) return null;
    const mine = ++started;
    const result = await assessMembers(client, room, { fresh });
    if (mine === started) {
      // A check that found what the last one found redraws nothing: the send goes on at once.
      const same = sameAssessment(latest, result);
      latest = result;
      if (!same) changed();
    }
    return result;
  };

  const waitUntilSafe = async (): Promise<void> => {
    try {
      for (;;) {
        // The trust is fetched again for every send: a key the server swapped since is refused at once.
        const a = await assess(true);
        if (a && !a.holds) return;
        holding = true;
        changed();
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, RECHECK_MS);
        });
      }
    } finally {
      holding = false;
      wake = null;
    }
  };

  return {
    assess,
    waitUntilSafe,
    latest: () => latest,
    holding: () => holding,
    recheck: (): void => (wake ? wake() : void assess(false).catch(() => {})),
  };
}

/**
 * The agent's outbox for one conversation, kept while the page lives (switching
 * conversations does not lose a held message): every message waits until the
 * member check passes (see {@link assessMembers}), then goes out once and in
 * order under its transaction id. A held message is not failed: it goes by
 * itself once the problem is gone.
 */
export function consoleOutbox(client: MatrixClient, roomId: string): ConsoleOutbox {
  const existing = outboxes.get(roomId);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((l) => l());
  const gate = memberGate(client, roomId, changed);
  let error: string | null = null;

  const outbox = new MessageOutbox<ConsoleOutgoing>({
    onChange: changed,
    held: gate.holding,
    send: async (txnId, item) => {
      await readyToSendEncrypted(client, roomId);
      await gate.waitUntilSafe();
      await uploadOnce(client, item, (err) => ((error = `Not sent: ${err.message}`), changed()));
      dropFailedEcho(client, roomId, txnId);
      markSend(txnId, "checked");
      return sendInTurn(client, roomId, (item.uploaded ?? item.content)!, txnId);
    },
  });

  // Not while a message is held: its own loop checks again and sends first.
  const prepare = encryptionPreparer(client, async () => !gate.holding() && !((await gate.assess(true))?.holds ?? true));

  const box: ConsoleOutbox = {
    sendText: (body) => markSend(outbox.enqueue({ content: { msgtype: MsgType.Text, body } }).txnId, "enter"),
    sendFile: (file) => void outbox.enqueue({ file }),
    retry: () => outbox.retry(),
    items: () => outbox.items(),
    sending: (txnId) => outbox.sending(txnId),
    assessment: gate.latest,
    holding: gate.holding,
    recheck: gate.recheck,
    prepare: () => prepare(roomId),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastError: () => error,
  };
  outboxes.set(roomId, box);
  return box;
}
