import type { MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { VISITOR_CLOSED_EVENT } from "../../lib/conversation/event-types";
import { sendMessageOnce } from "../../lib/matrix/send-message-once";
import { ratingCommentContent } from "../../lib/rating/rating-comment";
import type { RatingStrings } from "../../lib/widget-i18n/rating-strings";
import type { ChatSession } from "./chat-session";
import { endConversation } from "./conversation";
import { mountRatingForm, type RatingChoice } from "./rating-form";
import type { RosterGuard } from "./roster-guard";
import { readersOf } from "./visitor-outbox";

const doneKey = (roomId: string): string => `sealdesk:rating-done:${roomId}`;

/** Sends the score to our API (disclosed metadata) with the visitor's token; throws the server's reason when it refuses. */
export async function postScore(accessToken: string, roomId: string, score: number): Promise<void> {
  const res = await fetch("/api/visitor/rating", {
    method: "POST",
    cache: "no-store",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ room_id: roomId, score }),
  });
  if (res.ok) return;
  const json: unknown = await res.json().catch(() => null);
  throw new Error(json && typeof json === "object" && "error" in json && typeof json.error === "string" ? json.error : `HTTP ${res.status}`);
}

/**
 * The comment, end-to-end encrypted into the room as a marked notice (never
 * to our API). First the visitor's own end (if not there yet): a visitor
 * message after an agent's close would otherwise reopen the conversation, and
 * the visitor who rates has accepted that it is over. Held like any message
 * while the roster guard holds.
 */
async function sendComment(client: MatrixClient, guard: RosterGuard, roomId: string, choice: RatingChoice): Promise<void> {
  const content = ratingCommentContent(choice.comment, choice.score);
  if (!content) return;
  if (!client.getRoom(roomId)?.currentState.getStateEvents(VISITOR_CLOSED_EVENT, "")) await endConversation(client, roomId);
  await guard.waitUntilSafe(() => readersOf(client, roomId));
  await sendMessageOnce(client, roomId, content as RoomMessageEventContent, `rating-${roomId}-${Date.now()}`);
}

/**
 * At close, asks for a rating (once per conversation in this browser: sent,
 * skipped or already rated on the server). The score goes to our API, then
 * the comment into the encrypted room.
 */
export function bindRating(d: { client: MatrixClient; guard: RosterGuard; session: ChatSession; t: RatingStrings; siteName: string; before: Element }): void {
  const form = mountRatingForm(d.t, d.siteName);
  d.before.before(form.element);
  const markDone = (roomId: string): void => localStorage.setItem(doneKey(roomId), "1");
  // A retry after the comment failed sends only the comment: the score is stored once.
  const scored = new Set<string>();
  const update = (): void => {
    const roomId = d.session.roomId();
    const closed = d.session.routing()?.status === "closed";
    if (roomId && closed && localStorage.getItem(doneKey(roomId)) !== "1") form.show();
    else if (!roomId || !closed) form.hide();
  };
  form.onSubmit(async (choice) => {
    const roomId = d.session.roomId();
    const visitor = d.session.visitor();
    if (!roomId || !visitor) return;
    if (!scored.has(roomId)) await postScore(visitor.accessToken, roomId, choice.score);
    scored.add(roomId);
    markDone(roomId);
    await sendComment(d.client, d.guard, roomId, choice);
  });
  form.onSkip(() => {
    const roomId = d.session.roomId();
    if (roomId) markDone(roomId);
  });
  d.session.on(update);
  update();
}
