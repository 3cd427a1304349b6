import { MsgType, RoomEvent, type MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { PRECHAT_FIELD } from "../../lib/conversation/event-types";
import { uploadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import { readyToSendEncrypted } from "../../lib/matrix/send-encrypted-text";
import { sendMessageOnce } from "../../lib/matrix/send-message-once";
import { MessageOutbox } from "../../lib/outbox/message-outbox";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { ViewMessage } from "./chat-view";
import { requestRoutingTicket } from "../../lib/widget-protocol/start-conversation";
import { createConversation } from "./conversation";
import type { PrechatAnswers } from "./prechat-form";
import type { RosterGuard } from "./roster-guard";
import type { StoredVisitor } from "./visitor-session";

/** What the visitor wrote: a ready message content, or a file still to encrypt and upload (once). */
type Outgoing = { content?: RoomMessageEventContent; file?: File; uploaded?: RoomMessageEventContent };

type Deps = {
  client: MatrixClient;
  t: WidgetStrings;
  siteId: string;
  context: { pageUrl: string; language: string };
  getVisitor(): StoredVisitor;
  setVisitor(v: StoredVisitor): void;
  follow(roomId: string): void;
  onChange(): void;
  guard: RosterGuard;
};

/** Everyone the visitor's client encrypts to in a room: joined and invited members. */
export function readersOf(client: MatrixClient, roomId: string): string[] {
  return (client.getRoom(roomId)?.getMembers() ?? []).filter((m) => m.membership === "join" || m.membership === "invite").map((m) => m.userId);
}

/**
 * The visitor's messages on their way out: the first one creates the
 * conversation, files are encrypted and uploaded once, and everything goes
 * through {@link MessageOutbox} (in order, exactly once, failed + Retry after 30 s).
 */
export function createVisitorOutbox(d: Deps) {
  let creating: Promise<string> | null = null;
  let prechat: PrechatAnswers | null = null;
  let errorHandler: (err: Error) => void = () => {};

  const ensureRoom = async (): Promise<string> => {
    const existing = d.getVisitor().roomId;
    if (existing) return existing;
    creating ??= (async () => {
      const v = d.getVisitor();
      // Routed before the room exists: the room is created with its agent already invited.
      await d.guard.waitUntilSafe(() => [v.routerUserId]); // a refused roster: not even a routing ticket
      const ticket = await requestRoutingTicket(location.origin, v.accessToken);
      // The readers are invited with the room: each must be on the signed roster first.
      await d.guard.waitUntilSafe(() => [v.routerUserId, ...(ticket?.readers ?? [])]);
      const roomId = await createConversation(d.client, v.routerUserId, { site_id: d.siteId, page_url: d.context.pageUrl || undefined, language: d.context.language }, ticket);
      d.setVisitor({ ...d.getVisitor(), roomId });
      await waitForRoom(d.client, roomId);
      d.follow(roomId);
      return roomId;
    })().catch((err: unknown) => {
      creating = null;
      throw err;
    });
    return creating;
  };

  const outbox = new MessageOutbox<Outgoing>({
    onChange: d.onChange,
    // Waiting for the roster is not a failure: the message stays pending under the warning.
    held: () => d.guard.holding,
    send: async (txnId, item) => {
      const roomId = await ensureRoom();
      // Every member must be a rostered identity before anything is encrypted to them (the message waits meanwhile).
      await readyToSendEncrypted(d.client, roomId);
      await d.guard.waitUntilSafe(() => readersOf(d.client, roomId));
      if (item.file && !item.uploaded) {
        try {
          item.uploaded = (await uploadEncryptedAttachment(d.client, item.file)) as unknown as RoomMessageEventContent;
        } catch (err) {
          errorHandler(err as Error);
          throw err;
        }
      }
      return sendMessageOnce(d.client, roomId, (item.uploaded ?? item.content)!, txnId);
    },
  });

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
    nudge: () => outbox.nudge(),
    forget: (ids: ReadonlySet<string>) => outbox.forget(ids),
    onError: (h: (err: Error) => void) => void (errorHandler = h),
    newConversation: () => {
      creating = null;
    },
    /** The outbox's messages the room's timeline does not show yet. */
    pendingViews(timelineIds: ReadonlySet<string>): ViewMessage[] {
      const me = d.client.getSafeUserId();
      return outbox
        .items()
        .filter((o) => !o.eventId || !timelineIds.has(o.eventId))
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
            ...(file ? { localFile: file, attachment: { kind: /^image\//.test(file.type) ? "image" : "file", name: file.name, mimetype: file.type, size: file.size, file: { url: `local:${o.txnId}` } as never } } : {}),
            ...(content.msgtype === MsgType.Notice ? { prechat: true } : {}),
          };
        });
    },
  };
}

function waitForRoom(client: MatrixClient, roomId: string): Promise<void> {
  if (client.getRoom(roomId)) return Promise.resolve();
  return new Promise((resolve) => {
    const onRoom = (): void => {
      if (!client.getRoom(roomId)) return;
      client.off(RoomEvent.Timeline, onRoom);
      resolve();
    };
    client.on(RoomEvent.Timeline, onRoom);
  });
}
