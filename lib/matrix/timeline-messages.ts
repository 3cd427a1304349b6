import { EventStatus, EventType, MsgType, type MatrixEvent, type Room } from "matrix-js-sdk";
import { CUSTOMER_FIELD, PRECHAT_FIELD } from "../conversation/event-types";
import { RATING_COMMENT_FIELD } from "../rating/rating-comment";

/** An encrypted attachment (m.image / m.file with an EncryptedFile), as the spec describes it. */
export type ChatAttachment = {
  kind: "image" | "file";
  name: string;
  mimetype: string;
  size?: number;
  /** The EncryptedFile: mxc url, key, iv and hash. */
  file: {
    url: string;
    key: JsonWebKey & { kty: string; key_ops: string[]; alg: string; k: string; ext: boolean };
    iv: string;
    hashes: Record<string, string>;
    v: string;
  };
};

/** One message as the widget and the console show it. */
export type ChatMessage = {
  id: string;
  sender: string;
  /** Plain text; always rendered as text, never as HTML. */
  body: string;
  timestamp: number;
  state: "sent" | "pending" | "failed" | "undecryptable" | "decrypting" | "unverified";
  /** True when the event was end-to-end encrypted. */
  encrypted: boolean;
  /** Why it could not be decrypted (matrix-js-sdk's DecryptionFailureCode), when it could not. */
  failureReason?: string;
  /** `formatted_body` when the sender sent org.matrix.custom.html: sanitise before showing. */
  html?: string;
  /** An encrypted attachment (then `body` is its file name). */
  attachment?: ChatAttachment;
  /** True for the visitor's pre-chat answers (a notice whose text says them). */
  prechat?: boolean;
  /** True for the visitor's rating comment (an encrypted notice; the score itself is on our server). */
  ratingComment?: boolean;
  /** The name and email a verified customer's widget sent (a claim: the app confirms the account, see CUSTOMER_FIELD). */
  customer?: { name: string; email: string };
  /** Why an `unverified` message is hidden (its body is then empty). */
  unverified?: UnverifiedReason;
};

/**
 * Why a message cannot be trusted to come from its claimed sender:
 * `not_encrypted`, a plain m.room.message that anyone with the sender's access
 * token (the homeserver's admin, for one) can post; `unsigned_device`, encrypted
 * by a device its owner never cross-signed (an injected device, MSC4153);
 * `untrusted_forwarder`, decrypted with a key that someone other than its
 * sender passed on (MSC4268 history bundle) and whom the reader does not
 * believe: such a key can claim any device as its writer.
 */
export type UnverifiedReason = "not_encrypted" | "unsigned_device" | "untrusted_forwarder";

/** Options of {@link timelineMessages}. */
export type TimelineOptions = {
  /**
   * Whether to believe keys this user passed on (see lib/matrix/history-trust):
   * messages decrypted with keys forwarded by anyone else are `untrusted_forwarder`.
   * Without it, every forwarder is believed (the widget never gets forwarded keys).
   */
  trustsForwarder?: (userId: string) => boolean;
};

/**
 * Whether an event from the server is a message that must not be shown as its
 * sender's: every Sealdesk conversation is end-to-end encrypted, so a remote
 * message in the clear is a forgery (checked whatever the room's
 * m.room.encryption state says, since the server could drop that state too);
 * a decryption refused under OnlySignedDevicesIsolationMode because the
 * sending device is not cross-signed is another. Our own local echoes (not yet
 * encrypted) are not from the server and are never flagged.
 */
export function unverifiedReason(ev: MatrixEvent, opts: TimelineOptions = {}): UnverifiedReason | undefined {
  if (ev.status !== null) return undefined;
  if (ev.decryptionFailureReason === "UNSIGNED_SENDER_DEVICE") return "unsigned_device";
  if (ev.getWireType() === EventType.RoomMessage && !ev.isEncrypted()) return "not_encrypted";
  const forwarder = ev.isDecryptionFailure() ? undefined : ev.getKeyForwardingUser();
  if (forwarder && opts.trustsForwarder && !opts.trustsForwarder(forwarder)) return "untrusted_forwarder";
  return undefined;
}

const SHOWN = new Set<string>([MsgType.Text, MsgType.Notice, MsgType.Image, MsgType.File]);

function attachmentOf(content: Record<string, unknown>): ChatAttachment | undefined {
  const file = content.file as ChatAttachment["file"] | undefined;
  if (content.msgtype !== MsgType.Image && content.msgtype !== MsgType.File) return undefined;
  if (!file || typeof file.url !== "string" || !file.url.startsWith("mxc://") || typeof file.iv !== "string" || typeof file.key?.k !== "string")
    return undefined;
  const info = (content.info ?? {}) as { mimetype?: unknown; size?: unknown };
  return {
    kind: content.msgtype === MsgType.Image ? "image" : "file",
    name: typeof content.body === "string" ? content.body : "file",
    mimetype: typeof info.mimetype === "string" ? info.mimetype : "application/octet-stream",
    size: typeof info.size === "number" ? info.size : undefined,
    file,
  };
}

function stateOf(ev: MatrixEvent, opts: TimelineOptions): ChatMessage["state"] {
  if (unverifiedReason(ev, opts)) return "unverified";
  if (ev.isDecryptionFailure()) return "undecryptable";
  if (ev.isBeingDecrypted() || ev.getType() === EventType.RoomMessageEncrypted) return "decrypting";
  if (ev.status === EventStatus.NOT_SENT) return "failed";
  if (ev.status !== null) return "pending";
  return "sent";
}

/**
 * Extracts the chat messages of a room's live timeline, in order. Encrypted
 * events that are still being decrypted or failed to decrypt are kept (with a
 * state) so the reader sees that something is there. Messages that could be
 * forged by the server (see {@link unverifiedReason}) are kept as `unverified`
 * placeholders without their text, HTML or attachment: shown as a neutral
 * "hidden" notice, never as the claimed sender's message.
 */
export function timelineMessages(room: Room, opts: TimelineOptions = {}): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const ev of room.getLiveTimeline().getEvents()) {
    const type = ev.getType();
    if (type !== EventType.RoomMessage && type !== EventType.RoomMessageEncrypted) continue;
    const content = ev.getContent();
    const state = stateOf(ev, opts);
    if (state === "unverified") {
      out.push({
        id: ev.getId() ?? `${ev.getTs()}`,
        sender: ev.getSender() ?? "",
        body: "",
        timestamp: ev.getTs(),
        state,
        encrypted: ev.isEncrypted(),
        unverified: unverifiedReason(ev, opts),
      });
      continue;
    }
    if (state === "sent" || state === "pending" || state === "failed") {
      if (typeof content.msgtype !== "string" || !SHOWN.has(content.msgtype)) continue;
    }
    out.push({
      id: ev.getId() ?? ev.getTxnId() ?? `${ev.getTs()}`,
      sender: ev.getSender() ?? "",
      body: typeof content.body === "string" ? content.body : "",
      timestamp: ev.getTs(),
      state,
      encrypted: ev.isEncrypted(),
      ...(state === "undecryptable" && ev.decryptionFailureReason ? { failureReason: ev.decryptionFailureReason } : {}),
      ...(content.format === "org.matrix.custom.html" && typeof content.formatted_body === "string" ? { html: content.formatted_body } : {}),
      ...(attachmentOf(content) ? { attachment: attachmentOf(content) } : {}),
      ...(content[PRECHAT_FIELD] ? { prechat: true } : {}),
      ...(content[RATING_COMMENT_FIELD] ? { ratingComment: true } : {}),
      ...customerOf(content),
    });
  }
  return out;
}

// The customer's details, from a notice that says it carries them (both fields strings, else nothing).
function customerOf(content: Record<string, unknown>): { customer?: { name: string; email: string } } {
  const p = content[PRECHAT_FIELD] as { name?: unknown; email?: unknown } | undefined;
  if (content[CUSTOMER_FIELD] !== true || !p || typeof p.name !== "string" || typeof p.email !== "string") return {};
  return { customer: { name: p.name.slice(0, 100), email: p.email.slice(0, 200) } };
}
