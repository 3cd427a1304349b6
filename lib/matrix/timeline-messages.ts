import { EventStatus, EventType, MsgType, type MatrixEvent, type Room } from "matrix-js-sdk";

/** One message as the widget and the console show it. */
export type ChatMessage = {
  id: string;
  sender: string;
  /** Plain text; always rendered as text, never as HTML. */
  body: string;
  timestamp: number;
  state: "sent" | "pending" | "failed" | "undecryptable" | "decrypting";
  /** True when the event was end-to-end encrypted. */
  encrypted: boolean;
  /** Why it could not be decrypted (matrix-js-sdk's DecryptionFailureCode), when it could not. */
  failureReason?: string;
};

function stateOf(ev: MatrixEvent): ChatMessage["state"] {
  if (ev.isDecryptionFailure()) return "undecryptable";
  if (ev.isBeingDecrypted() || ev.getType() === EventType.RoomMessageEncrypted) return "decrypting";
  if (ev.status === EventStatus.NOT_SENT) return "failed";
  if (ev.status !== null) return "pending";
  return "sent";
}

/**
 * Extracts the chat messages of a room's live timeline, in order. Encrypted
 * events that are still being decrypted or failed to decrypt are kept (with a
 * state) so the reader sees that something is there.
 */
export function timelineMessages(room: Room): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const ev of room.getLiveTimeline().getEvents()) {
    const type = ev.getType();
    if (type !== EventType.RoomMessage && type !== EventType.RoomMessageEncrypted) continue;
    const content = ev.getContent();
    const state = stateOf(ev);
    if (state === "sent" || state === "pending" || state === "failed") {
      if (content.msgtype !== MsgType.Text && content.msgtype !== MsgType.Notice) continue;
    }
    out.push({
      id: ev.getId() ?? ev.getTxnId() ?? `${ev.getTs()}`,
      sender: ev.getSender() ?? "",
      body: typeof content.body === "string" ? content.body : "",
      timestamp: ev.getTs(),
      state,
      encrypted: ev.isEncrypted(),
      ...(state === "undecryptable" && ev.decryptionFailureReason ? { failureReason: ev.decryptionFailureReason } : {}),
    });
  }
  return out;
}
