import type { MatrixClient } from "matrix-js-sdk";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { readerTimeZone, saveTextFile } from "../../lib/transcript/save-text-file";
import { transcriptEntry, transcriptFileName, transcriptText, type TranscriptWords } from "../../lib/transcript/transcript-text";
import type { ChatSession } from "./chat-session";
import { el } from "./dom";

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
        saveTextFile(transcriptFileName(d.siteName, now), transcriptText({ site: d.siteName, entries, now, timeZone: readerTimeZone(), words: d.words }));
      })
      .finally(() => (button.disabled = false));
  });
  d.session.on(update);
  update();
}
