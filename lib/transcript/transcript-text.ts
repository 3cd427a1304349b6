import { wallClock } from "../hours/zoned-time";
import type { ChatMessage } from "../matrix/timeline-messages";

/** One line of a transcript, as the reader's client shows it (already decrypted in the browser). */
export type TranscriptEntry = {
  /** Who sent it, as the reader knows them ("You", the agent's name, "Visitor"). */
  sender: string;
  timestamp: number;
  /** The text; for an attachment, its file name. */
  body: string;
  attachment?: boolean;
  /** What could not be shown: the placeholder says so instead of a body. */
  state?: "undecryptable" | "decrypting" | "unverified" | "pending" | "failed";
};

/** Words of a transcript (the widget passes its language's; the console English). */
export type TranscriptWords = {
  title: string;
  /** Says when and that the file was made in the reader's browser. */
  madeAt: (time: string) => string;
  attachment: string;
  undecryptable: string;
  decrypting: string;
  unverified: string;
  notSent: string;
};

/** English words (the console's). */
export const TRANSCRIPT_WORDS_EN: TranscriptWords = {
  title: "Conversation transcript",
  madeAt: (time) => `Made in your browser on ${time} from the end-to-end encrypted conversation.`,
  attachment: "Attachment",
  undecryptable: "[message that could not be decrypted]",
  decrypting: "[message still being decrypted]",
  unverified: "[unverified message hidden]",
  notSent: "(not sent)",
};

const pad = (n: number): string => String(n).padStart(2, "0");

/** "YYYY-MM-DD HH:MM:SS" in `timeZone` (an IANA name), followed by the zone. */
export function transcriptTime(ms: number, timeZone: string): string {
  const { date, ms: sinceMidnight } = wallClock(new Date(ms), timeZone);
  const s = Math.floor(sinceMidnight / 1000);
  return `${date} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)} ${timeZone}`;
}

function text(e: TranscriptEntry, w: TranscriptWords): string {
  if (e.state === "undecryptable") return w.undecryptable;
  if (e.state === "decrypting") return w.decrypting;
  if (e.state === "unverified") return w.unverified;
  const body = e.attachment ? `${w.attachment}: ${e.body}` : e.body;
  const sent = e.state === "pending" || e.state === "failed" ? ` ${w.notSent}` : "";
  // Continuation lines indented, so every message starts with its time and sender.
  return body.replace(/\r\n?/g, "\n").replace(/\n/g, "\n    ") + sent;
}

/**
 * A readable plain-text transcript: a heading naming the site, when it was
 * made, then one message per entry in order with time and sender. Plain text
 * (not HTML): nothing in a message can become markup or script when the file
 * is opened. Pure.
 */
export function transcriptText(input: { site: string; entries: readonly TranscriptEntry[]; now: number; timeZone: string; words: TranscriptWords }): string {
  const { words: w, timeZone } = input;
  const head = [`${w.title}${input.site ? ` — ${input.site}` : ""}`, w.madeAt(transcriptTime(input.now, timeZone)), ""];
  const lines = input.entries.map((e) => `[${transcriptTime(e.timestamp, timeZone)}] ${e.sender}: ${text(e, w)}`);
  return [...head, ...lines, ""].join("\n");
}

/** A file name for the transcript: "transcript-<site>-<YYYY-MM-DD>.txt", only safe characters. */
export function transcriptFileName(site: string, now: number): string {
  const slug = site
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `transcript-${slug ? `${slug}-` : ""}${new Date(now).toISOString().slice(0, 10)}.txt`;
}

/** A timeline message as a transcript entry: placeholder states stay placeholders (no text of a hidden message). */
export function transcriptEntry(m: ChatMessage, sender: string): TranscriptEntry {
  return { sender, timestamp: m.timestamp, body: m.body, attachment: !!m.attachment, state: m.state === "sent" ? undefined : m.state };
}
