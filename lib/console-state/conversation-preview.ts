/** What the preview needs of one message (a subset of lib/matrix's ChatMessage). */
export type PreviewMessage = {
  sender: string;
  body: string;
  timestamp: number;
  state: "sent" | "pending" | "failed" | "undecryptable" | "decrypting" | "unverified";
  attachment?: { name: string };
  prechat?: boolean;
};

/** Who wrote the conversation's last message. */
export type PreviewFrom = "visitor" | "me" | "colleague";

/** The list row's preview of a conversation's last message. */
export type ConversationPreview = {
  /** One line: the text, "📎 name" for a file, "Encrypted message" while it cannot be read. */
  text: string;
  from: PreviewFrom;
  timestamp: number;
};

/** Previews longer than this are cut: the row shows one line anyway. */
export const PREVIEW_LENGTH = 120;

/** The first non-empty line of a text, cut to {@link PREVIEW_LENGTH}. */
export function firstLine(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? "";
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
}

/**
 * The preview of the newest message that is a real message: hidden
 * (unverified) messages, which could be forged by the server, and the
 * pre-chat notice are skipped. Null when there is none yet.
 */
export function conversationPreview(messages: readonly PreviewMessage[], me: string, isVisitor: (userId: string) => boolean): ConversationPreview | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!m || m.state === "unverified" || m.prechat) continue;
    const from: PreviewFrom = m.sender === me ? "me" : isVisitor(m.sender) ? "visitor" : "colleague";
    const readable = m.state !== "undecryptable" && m.state !== "decrypting";
    const text = !readable ? "Encrypted message" : m.attachment ? `📎 ${firstLine(m.attachment.name) || "file"}` : firstLine(m.body);
    return { text, from, timestamp: m.timestamp };
  }
  return null;
}

/** Whose turn it is: the visitor wrote last ("us"), an agent did ("visitor"), or nobody wrote yet. */
export type WaitingOn = "us" | "visitor" | null;

/** Whose turn it is, from who wrote the last message. */
export function waitingOn(from: PreviewFrom | null | undefined): WaitingOn {
  if (!from) return null;
  return from === "visitor" ? "us" : "visitor";
}

/** The status line's words for {@link WaitingOn}. */
export const WAITING_LABEL: Record<Exclude<WaitingOn, null>, string> = { us: "Waiting for us", visitor: "Waiting for visitor" };
