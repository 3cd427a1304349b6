import type { Room } from "matrix-js-sdk";
import { PRECHAT_FIELD } from "../../lib/conversation/event-types";
import { roomVisitor } from "../../lib/matrix/join-with-history";
import { unverifiedReason } from "../../lib/matrix/timeline-messages";

/** The visitor's pre-chat answers, as their widget sent them (end-to-end encrypted in the room). */
export type PrechatAnswers = { name: string | null; email: string | null };

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/**
 * The pre-chat answers the visitor sent in this room, or null: only from the
 * visitor themself, decrypted and not flagged as possibly forged (a notice in
 * the clear or from a device they never cross-signed is ignored). Read from
 * the loaded timeline: the notice is the conversation's first message.
 */
export function prechatAnswers(room: Room): PrechatAnswers | null {
  const visitor = roomVisitor(room);
  if (!visitor) return null;
  for (const ev of room.getLiveTimeline().getEvents()) {
    if (ev.getSender() !== visitor || ev.isDecryptionFailure() || unverifiedReason(ev)) continue;
    const answers: unknown = ev.getContent()[PRECHAT_FIELD];
    if (!answers || typeof answers !== "object") continue;
    const a = answers as Record<string, unknown>;
    return { name: text(a.name), email: text(a.email) };
  }
  return null;
}
