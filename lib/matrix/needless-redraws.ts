import type { EventStatus, MatrixEvent } from "matrix-js-sdk";

// The page's redraws run on the main thread that matrix-js-sdk's crypto also needs (its wasm calls and
// IndexedDB round trips): a redraw that shows nothing new, in the middle of a decryption or an
// encryption, only delays the message. These say which of the SDK's events show nothing new.

/**
 * True when a timeline event is still being decrypted, so a redraw for it can
 * wait for its `Event.decrypted` (matrix-js-sdk clears `isBeingDecrypted`
 * just before emitting it, on success and on failure alike). A redraw now
 * would only draw a "Decrypting…" placeholder: the pages skip it, and draw the
 * message once.
 */
export function redrawAfterDecryption(event: Pick<MatrixEvent, "isBeingDecrypted">): boolean {
  return event.isBeingDecrypted();
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
