"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT, isVisitorUserId } from "../../lib/conversation/event-types";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { readerTimeZone, saveTextFile } from "../../lib/transcript/save-text-file";
import { TRANSCRIPT_WORDS_EN, transcriptEntry, transcriptFileName, transcriptText } from "../../lib/transcript/transcript-text";

/** The sender as the console names them: the agent reading is "You", the visitor "Visitor", agents by name. */
function senderLabel(client: MatrixClient, room: Room, userId: string): string {
  if (userId === client.getUserId()) return "You";
  if (isVisitorUserId(userId)) return "Visitor";
  return room.getMember(userId)?.name ?? userId;
}

/**
 * "Download transcript": the conversation as this console decrypted it, made
 * into a text file in the browser (no server-side transcript). The site comes
 * from the room's conversation marker.
 */
export function TranscriptButton({ client, room, messages }: { client: MatrixClient; room: Room; messages: readonly ChatMessage[] }) {
  const download = (): void => {
    const site = String(room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getContent().site_id ?? "");
    const entries = messages.map((m) => transcriptEntry(m, senderLabel(client, room, m.sender)));
    const now = Date.now();
    saveTextFile(transcriptFileName(site, now), transcriptText({ site, entries, now, timeZone: readerTimeZone(), words: TRANSCRIPT_WORDS_EN }));
  };
  return (
    <button type="button" className="secondary" onClick={download}>
      Download transcript
    </button>
  );
}
