import { MsgType, type MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { PRECHAT_FIELD } from "../../lib/conversation/event-types";
import { isValidTimeZone } from "../../lib/conversation/visitor-time";
import { AttachmentQuotaError, AttachmentTooLargeError, uploadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import { roomReaders } from "../../lib/matrix/room-membership";
import { readyToSendEncrypted } from "../../lib/matrix/send-encrypted-text";
import { sendMessageOnce } from "../../lib/matrix/send-message-once";
import { MessageOutbox } from "../../lib/outbox/message-outbox";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { ViewMessage } from "./chat-view";
import { createConversationStarter } from "./conversation-start";
import type { PrechatAnswers } from "./prechat-form";
import type { RosterGuard } from "./roster-guard";
import { StoredOutbox } from "../../lib/outbox/stored-outbox";
import type { StoredVisitor } from "./visitor-session";

/** What the visitor wrote: a ready message content, or a file still to encrypt and upload (once). */
type Outgoing = { content?: RoomMessageEventContent; file?: File; uploaded?: RoomMessageEventContent };

type Deps = {
  /** The started client: messages written before it resolves wait, shown as pending. */
  ready: Promise<{ client: MatrixClient; guard: RosterGuard }>;
  /** Who the stored messages may be sent as: the visitor this browser will resume, if any. */
  resumingUserId: string | null;
  t: WidgetStrings;
  siteId: string;
  context: { pageUrl: string; language: string };
  /** Null until the visitor is started (never while a send runs: sends wait for `ready`). */
  getVisitor(): StoredVisitor | null;
  setVisitor(v: StoredVisitor): void;
  follow(roomId: string): void;
  onChange(): void;
};

/** Everyone the visitor's client encrypts to in a room: joined and invited members. */
export function readersOf(client: MatrixClient, roomId: string): string[] {
  return roomReaders(client.getRoom(roomId));
}

/**
 * The visitor's messages on their way out: the first one creates the
 * conversation, files are encrypted and uploaded once, and everything goes
 * through {@link MessageOutbox} (in order, exactly once, failed + Retry after 30 s).
 * Text messages not yet sent are kept in localStorage with their transaction
 * ids (see {@link StoredOutbox}) and sent when the widget next runs.
 */
export function createVisitorOutbox(d: Deps) {
  const starter = createConversationStarter({
    getVisitor: d.getVisitor,
    setVisitor: d.setVisitor,
    follow: d.follow,
    context: () => ({ site_id: d.siteId, page_url: d.context.pageUrl || undefined, language: d.context.language, ...localTimeZone() }),
  });
  let client: MatrixClient | null = null;
  d.ready.then((r) => void (client = r.client)).catch(() => {});
  // The roster guard once the client runs (before that nothing is sent, so nothing is held).
  let heldByGuard: RosterGuard | null = null;
  d.ready.then((r) => void (heldByGuard = r.guard)).catch(() => {});
  let prechat: PrechatAnswers | null = null;
  let errorHandler: (err: Error) => void = () => {};

  // Text only: a file is not kept across page loads (it is shown as pending while the page lives).
  const stored = new StoredOutbox<RoomMessageEventContent>(localStorage, `sealdesk:outbox:${d.siteId}`, (raw) =>
    raw && typeof raw === "object" && typeof (raw as { body?: unknown }).body === "string" ? (raw as RoomMessageEventContent) : null,
  );
  const owners = new Map<string, string>();
  // Set when another tab takes the chat over: that tab now sends (and keeps) these messages.
  let stopped = false;
  const save = (): void => {
    if (stopped) return;
    stored.save(
      outbox
        .items()
        .filter((o) => o.state !== "sent" && o.content.content)
        .map((o) => ({ txnId: o.txnId, content: o.content.content!, failed: o.state === "failed", ...(owners.has(o.txnId) ? { owner: owners.get(o.txnId) } : {}) })),
    );
  };

  const outbox = new MessageOutbox<Outgoing>({
    onChange: () => {
      save();
      d.onChange();
    },
    // Waiting for the roster is not a failure: the message stays pending under the warning.
    held: () => heldByGuard?.holding ?? false,
    // A file over the visitor's upload quota (or size) never goes: drop it (the error says why), send the rest.
    isRefusal: (err) => err instanceof AttachmentQuotaError || err instanceof AttachmentTooLargeError,
    send: async (txnId, item) => {
      const { client, guard } = await d.ready;
      if (stopped) throw new Error("The chat is open in another tab");
      if (!owners.has(txnId)) {
        // From now on only this account may send it (the server deduplicates per device).
        owners.set(txnId, client.getSafeUserId());
        save();
      }
      const roomId = await starter.ensureRoom(client, guard);
      // Every member must be a rostered identity before anything is encrypted to them (the message waits meanwhile).
      await readyToSendEncrypted(client, roomId);
      await guard.waitUntilSafe(() => readersOf(client, roomId));
      if (item.file && !item.uploaded) {
        try {
          item.uploaded = (await uploadEncryptedAttachment(client, item.file)) as unknown as RoomMessageEventContent;
        } catch (err) {
          errorHandler(err as Error);
          throw err;
        }
      }
      return sendMessageOnce(client, roomId, (item.uploaded ?? item.content)!, txnId);
    },
  });

  // Messages nobody tried to send yet go out as whoever this visitor turns out to be.
  for (const item of stored.load(d.resumingUserId ?? "")) {
    if (item.owner) owners.set(item.txnId, item.owner);
    outbox.enqueue({ content: item.content }, { txnId: item.txnId, failed: item.failed });
  }

  const enqueue = (item: Outgoing): void => {
    if (prechat) {
      const { name, email } = prechat;
      prechat = null;
      outbox.enqueue({ content: { msgtype: MsgType.Notice, body: d.t.prechatSummary(name, email), [PRECHAT_FIELD]: { name, email } } as RoomMessageEventContent });
    }
    outbox.enqueue(item);
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
    forget: (ids: ReadonlySet<string>) => outbox.forget(ids),
    onError: (h: (err: Error) => void) => void (errorHandler = h),
    /** Prepares the room of the visitor's next conversation (once the client runs and none is open). */
    prepare: () => (client && heldByGuard && !d.getVisitor()?.roomId ? void starter.prepare(client, heldByGuard) : undefined),
    newConversation: () => starter.newConversation(client, heldByGuard),
    /**
     * The outbox's messages the room's timeline does not show yet. `timelineTxnIds`: a
     * message kept from an earlier page whose send reached the server but whose answer
     * was lost is in the timeline already; it is still resent (the server stores it once)
     * but not shown twice.
     */
    pendingViews(timelineIds: ReadonlySet<string>, timelineTxnIds: ReadonlySet<string>): ViewMessage[] {
      const me = d.getVisitor()?.userId ?? "";
      return outbox
        .items()
        .filter((o) => (!o.eventId || !timelineIds.has(o.eventId)) && !timelineTxnIds.has(o.txnId))
        .map((o): ViewMessage => {
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
            // Everything waiting while the guard holds is held (none may overtake the first).
            held: o.state === "sending" && (heldByGuard?.holding ?? false),
            ...(file ? { localFile: file, attachment: { kind: /^image\//.test(file.type) ? "image" : "file", name: file.name, mimetype: file.type, size: file.size, file: { url: `local:${o.txnId}` } as never } } : {}),
            ...(content.msgtype === MsgType.Notice ? { prechat: true } : {}),
          };
        });
    },
  };
}

/** The visitor's IANA time zone, so the agent sees their local time; omitted when unknown. */
function localTimeZone(): { time_zone?: string } {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isValidTimeZone(tz) ? { time_zone: tz } : {};
}
