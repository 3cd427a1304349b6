import { MsgType, type MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { PRECHAT_FIELD } from "../../lib/conversation/event-types";
import { AttachmentQuotaError, AttachmentTooLargeError, uploadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import { roomReaders } from "../../lib/matrix/room-membership";
import { readyToSendEncrypted } from "../../lib/matrix/send-encrypted-text";
import { sendMessageOnce } from "../../lib/matrix/send-message-once";
import { MessageOutbox, type OutboxItem } from "../../lib/outbox/message-outbox";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { ViewMessage } from "./message-list";
import type { PrechatAnswers } from "./prechat-form";
import type { RosterGuard } from "./roster-guard";
import { StoredOutbox } from "../../lib/outbox/stored-outbox";
import { markSend } from "../../lib/perf/latency-marks";

/** What the visitor wrote: a ready message content, or a file still to encrypt and upload (once). */
type Outgoing = { content?: RoomMessageEventContent; file?: File; uploaded?: RoomMessageEventContent };

/** What the outbox asks of the chat session. */
export type OutboxHooks = {
  /** The conversation's room, started on the first message (the session starts and follows it). */
  ensureRoom(client: MatrixClient, guard: RosterGuard): Promise<string>;
  /** The visitor's user id ("" until started): their pending messages show as theirs. */
  me(): string;
  onChange(): void;
};

type Deps = OutboxHooks & {
  /** The started client: messages written before it resolves wait, shown as pending. */
  ready: Promise<{ client: MatrixClient; guard: RosterGuard }>;
  /** Who the stored messages may be sent as: the visitor this browser will resume, if any. */
  resumingUserId: string | null;
  t: WidgetStrings;
  siteId: string;
};

/** The visitor's outgoing messages: see {@link createVisitorOutbox}. */
export type VisitorOutbox = ReturnType<typeof createVisitorOutbox>;

/** Everyone the visitor's client encrypts to in a room: joined and invited members. */
export function readersOf(client: MatrixClient, roomId: string): string[] {
  return roomReaders(client.getRoom(roomId));
}

/** A file is encrypted and uploaded once (a resend reuses the upload); a failure is reported, then thrown. */
async function uploadOnce(client: MatrixClient, item: Outgoing, onError: (err: Error) => void): Promise<void> {
  if (!item.file || item.uploaded) return;
  try {
    item.uploaded = (await uploadEncryptedAttachment(client, item.file)) as unknown as RoomMessageEventContent;
  } catch (err) {
    onError(err as Error);
    throw err;
  }
}

/** Sends once, between the marks the benches read (widget-budget's start/end, message-latency's per-message ones). */
async function sendMarked(client: MatrixClient, roomId: string, content: RoomMessageEventContent, txnId: string): Promise<string> {
  performance.mark("sealdesk:send:start");
  markSend(txnId, "checked");
  const eventId = await sendMessageOnce(client, roomId, content, txnId);
  performance.mark("sealdesk:send:end");
  markSend(txnId, `sent:${eventId}`);
  return eventId;
}

/**
 * The visitor's messages on their way out: files are encrypted and uploaded
 * once, and everything goes through {@link MessageOutbox} (in order, exactly
 * once, failed + Retry after 30 s) into the room the session gives it.
 * Text messages not yet sent are kept in localStorage with their transaction
 * ids (see {@link StoredOutbox}) and sent when the widget next runs.
 */
export function createVisitorOutbox(d: Deps) {
  // The roster guard once the client runs (before that nothing is sent, so nothing is held).
  let heldByGuard: RosterGuard | null = null;
  d.ready.then((r) => void (heldByGuard = r.guard)).catch(() => {});
  let prechat: PrechatAnswers | null = null;
  let errorHandler: (err: Error) => void = () => {};
  // Set when another tab takes the chat over: that tab now sends (and keeps) these messages.
  let stopped = false;
  const kept = keptMessages(d.siteId, () => stopped);

  const outbox = new MessageOutbox<Outgoing>({
    onChange: () => {
      kept.save(outbox.items());
      d.onChange();
    },
    // Waiting for the roster is not a failure: the message stays pending under the warning.
    held: () => heldByGuard?.holding ?? false,
    // A file over the visitor's upload quota (or size) never goes: drop it (the error says why), send the rest.
    isRefusal: (err) => err instanceof AttachmentQuotaError || err instanceof AttachmentTooLargeError,
    send: async (txnId, item) => {
      const { client, guard } = await d.ready;
      if (stopped) throw new Error("The chat is open in another tab");
      // From now on only this account may send it (the server deduplicates per device).
      kept.own(txnId, client.getSafeUserId(), outbox.items());
      const roomId = await d.ensureRoom(client, guard);
      // Every member must be a rostered identity before anything is encrypted to them (the message waits meanwhile).
      await readyToSendEncrypted(client, roomId);
      await guard.waitUntilSafe(() => readersOf(client, roomId));
      await uploadOnce(client, item, errorHandler);
      return sendMarked(client, roomId, (item.uploaded ?? item.content)!, txnId);
    },
  });

  // Messages nobody tried to send yet go out as whoever this visitor turns out to be.
  for (const item of kept.load(d.resumingUserId ?? "")) outbox.enqueue({ content: item.content }, { txnId: item.txnId, failed: item.failed });

  const enqueue = (item: Outgoing): void => {
    if (prechat) {
      const { name, email } = prechat;
      prechat = null;
      outbox.enqueue({
        content: { msgtype: MsgType.Notice, body: d.t.prechatSummary(name, email), [PRECHAT_FIELD]: { name, email } } as RoomMessageEventContent,
      });
    }
    markSend(outbox.enqueue(item).txnId, "enter");
  };

  return {
    sendText: (body: string) => enqueue({ content: { msgtype: MsgType.Text, body } }),
    sendFile: (file: File) => enqueue({ file }),
    /** Keeps the pre-chat answers to send, encrypted, just before the first message. */
    holdPrechat: (answers: PrechatAnswers) => void (prechat = answers),
    retry: () => outbox.retry(),
    /**
     * Another tab takes over: stop sending and stop writing the kept messages, so this
     * tab never overwrites what the new tab keeps (it resends ours under the same txn ids).
     */
    stop: () => void (stopped = true),
    nudge: () => outbox.nudge(),
    /** True while the message written under `txnId` is on its way (shown as pending). */
    sending: (txnId: string) => outbox.sending(txnId),
    /** True while a message is on its way (not yet sent, not failed). */
    busy: () => outbox.items().some((o) => o.state === "sending"),
    forget: (ids: ReadonlySet<string>) => outbox.forget(ids),
    onError: (h: (err: Error) => void) => void (errorHandler = h),
    /**
     * The outbox's messages the room's timeline does not show yet. `timelineTxnIds`: a
     * message kept from an earlier page whose send reached the server but whose answer
     * was lost is in the timeline already; it is still resent (the server stores it once)
     * but not shown twice.
     */
    pendingViews: (timelineIds: ReadonlySet<string>, timelineTxnIds: ReadonlySet<string>): ViewMessage[] =>
      // Everything waiting while the guard holds is held (none may overtake the first).
      outbox
        .items()
        .filter((o) => (!o.eventId || !timelineIds.has(o.eventId)) && !timelineTxnIds.has(o.txnId))
        .map((o) => pendingView(o, d.me(), heldByGuard?.holding ?? false)),
  };
}

/**
 * The text messages kept in localStorage with their txn ids and owners (a file
 * is not kept across page loads: it is shown as pending while the page lives).
 */
function keptMessages(siteId: string, stopped: () => boolean) {
  const stored = new StoredOutbox<RoomMessageEventContent>(localStorage, `sealdesk:outbox:${siteId}`, (raw) =>
    raw && typeof raw === "object" && typeof (raw as { body?: unknown }).body === "string" ? (raw as RoomMessageEventContent) : null,
  );
  const owners = new Map<string, string>();
  const save = (items: readonly OutboxItem<Outgoing>[]): void => {
    if (stopped()) return;
    stored.save(
      items
        .filter((o) => o.state !== "sent" && o.content.content)
        .map((o) => ({
          txnId: o.txnId,
          content: o.content.content!,
          failed: o.state === "failed",
          ...(owners.has(o.txnId) ? { owner: owners.get(o.txnId) } : {}),
        })),
    );
  };
  return {
    save,
    own(txnId: string, userId: string, items: readonly OutboxItem<Outgoing>[]): void {
      if (owners.has(txnId)) return;
      owners.set(txnId, userId);
      save(items);
    },
    load(userId: string) {
      const items = stored.load(userId);
      for (const item of items) if (item.owner) owners.set(item.txnId, item.owner);
      return items;
    },
  };
}

function pendingView(o: OutboxItem<Outgoing>, me: string, held: boolean): ViewMessage {
  const file = o.content.file;
  const content = (o.content.uploaded ?? o.content.content ?? {}) as { body?: string; msgtype?: string };
  return {
    id: o.eventId ?? o.txnId,
    sender: me,
    senderName: "",
    mine: true,
    body: file ? file.name : (content.body ?? ""),
    timestamp: o.since,
    encrypted: true,
    state: o.state === "sending" ? "pending" : o.state,
    held: o.state === "sending" && held,
    ...(file
      ? {
          localFile: file,
          attachment: {
            kind: /^image\//.test(file.type) ? "image" : "file",
            name: file.name,
            mimetype: file.type,
            size: file.size,
            file: { url: `local:${o.txnId}` } as never,
          },
        }
      : {}),
    ...(content.msgtype === MsgType.Notice ? { prechat: true } : {}),
  };
}
