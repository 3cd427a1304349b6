import type { EventStatus, MatrixEvent, Room } from "matrix-js-sdk";

// The page's redraws run on the main thread that matrix-js-sdk's crypto also needs (its wasm calls and
// IndexedDB round trips): a redraw that shows nothing new, in the middle of a decryption or an
// encryption, only delays the message. These say which of the SDK's events show nothing new.

/**
 * For a `Room.timeline` listener: redraws now, unless the event is encrypted
 * and not decrypted yet. matrix-js-sdk adds a synced event to the timeline
 * before it starts decrypting it (`decryptCriticalEvents`, right after the
 * sync's events are in): one task later, an event being decrypted, or already
 * decrypted, is left to its `Event.decrypted` (emitted on success and on
 * failure alike), which redraws it with its text; one that nobody decrypts is
 * drawn as before, as a "Decrypting…" placeholder. So a message is drawn once,
 * not first as a placeholder on the main thread its decryption needs.
 */
export function redrawUnlessDecrypting(event: Pick<MatrixEvent, "shouldAttemptDecryption" | "isBeingDecrypted">, redraw: () => void): void {
  if (event.isBeingDecrypted()) return;
  if (!event.shouldAttemptDecryption()) return redraw();
  setTimeout(() => event.shouldAttemptDecryption() && redraw(), 0);
}

/**
 * For a `Room.receipt` listener: redraws now, unless every event the receipt
 * points at is encrypted and not decrypted yet, which is the receipt
 * matrix-js-sdk makes up for the sender of each synced event (a sender has read
 * their own message), emitted as the event reaches the timeline, before it is
 * decrypted: each such event is left to {@link redrawUnlessDecrypting}, whose
 * redraw (at its `Event.decrypted`) shows the receipt too. Receipts for events
 * shown already, or not in the room's timelines, are redrawn at once.
 */
export function redrawReceiptUnlessDecrypting(
  receipt: Pick<MatrixEvent, "getContent">,
  room: Pick<Room, "findEventById"> | undefined,
  redraw: () => void,
): void {
  const events = Object.keys(receipt.getContent()).map((id) => room?.findEventById(id));
  const waiting = (e: MatrixEvent | undefined): e is MatrixEvent => !!e && (e.isBeingDecrypted() || e.shouldAttemptDecryption());
  if (!events.length || !events.every(waiting)) return redraw();
  for (const e of events) redrawUnlessDecrypting(e, redraw);
}

// EventStatus.ENCRYPTING, SENDING, QUEUED as strings: no value import, the console loads matrix-js-sdk on demand.
const IN_FLIGHT: ReadonlySet<`${EventStatus}` | null | undefined> = new Set(["encrypting", "sending", "queued"]);

/**
 * True when a local echo's `Room.localEchoUpdated` only moved it between the
 * states a page shows alike as "Sending…" (queued, encrypting, sending: the
 * SDK's steps while it encrypts our message), with the same event id. Its
 * addition, its failure, its cancellation and its being sent are all redrawn.
 */
export function localEchoStillSending(event: Pick<MatrixEvent, "status" | "getId">, oldEventId?: string, oldStatus?: EventStatus | null): boolean {
  return IN_FLIGHT.has(oldStatus) && IN_FLIGHT.has(event.status) && oldEventId === event.getId();
}

/**
 * True for our own local echo still on its way out (queued, encrypting,
 * sending) when the page already shows that message from its outbox, under the
 * same transaction id, as "Sending…": its addition to the room (`Room.timeline`,
 * `Room.localEchoUpdated`) shows nothing new. matrix-js-sdk adds the echo just
 * before it encrypts the message; redrawn then, the page swaps one "Sending…"
 * row for another on the main thread the encryption needs, before the request
 * leaves. The echo is drawn at its next change (sent, failed, cancelled).
 */
export function echoShownByOutbox(event: Pick<MatrixEvent, "status" | "getTxnId">, outboxShows: (txnId: string) => boolean): boolean {
  if (!IN_FLIGHT.has(event.status)) return false;
  const txnId = event.getTxnId();
  return txnId !== undefined && outboxShows(txnId);
}
