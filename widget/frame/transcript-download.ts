import type { MatrixClient } from "matrix-js-sdk";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { timelineMessages, type ChatMessage } from "../../lib/matrix/timeline-messages";
import { transcriptFileName, transcriptText, type TranscriptEntry, type TranscriptWords } from "../../lib/transcript/transcript-text";
import type { ChatSession } from "./chat-session";
import { el } from "./dom";

/** A timeline message as a transcript entry: the placeholder states stay placeholders (no text of a hidden message). */
export function transcriptEntry(m: ChatMessage, sender: string): TranscriptEntry {
  const state = m.state === "sent" ? undefined : m.state;
  return { sender, timestamp: m.timestamp, body: m.body, attachment: !!m.attachment, state };
}

/** Saves text as a file through a Blob made here: the transcript never goes through a server. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = el("a", { href: url, download: fileName, hidden: "" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The reader's time zone (times in the file are theirs), UTC when unknown. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * "Download transcript": the whole conversation (history loaded first), as the
 * visitor reads it, decrypted in this browser, saved as a text file. Shown
 * while there is a conversation.
 */
export function bindTranscript(d: {
  client: MatrixClient;
  session: ChatSession;
  words: TranscriptWords;
  label: string;
  you: string;
  support: string;
  siteName: string;
  before: Element;
}): void {
  const button = el("button", { type: "button", class: "transcript" }, d.label);
  d.before.before(button);
  const me = d.client.getSafeUserId();
  const update = (): void => void (button.hidden = !d.session.roomId());
  button.addEventListener("click", () => {
    const room = d.session.roomId() ? d.client.getRoom(d.session.roomId()!) : null;
    if (!room) return;
    button.disabled = true;
    void loadWholeHistory(d.client, room)
      .catch(() => {}) // what is loaded is still worth saving
      .then(() => {
        const name = (u: string): string => (u === me ? d.you : (d.session.agentName(u) ?? room.getMember(u)?.name ?? d.support));
        const entries = timelineMessages(room).map((m) => transcriptEntry(m, name(m.sender)));
        const now = Date.now();
        downloadText(transcriptFileName(d.siteName, now), transcriptText({ site: d.siteName, entries, now, timeZone: localZone(), words: d.words }));
      })
      .finally(() => (button.disabled = false));
  });
  d.session.on(update);
  update();
}
