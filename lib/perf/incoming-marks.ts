import { markReceived } from "./latency-marks";

/** The part of a matrix-js-sdk event {@link markIncoming} reads. */
type Ev = { getId(): string | undefined; getSender(): string | undefined; isEncrypted(): boolean; isDecryptionFailure(): boolean };

/** The part of the client {@link markIncoming} uses (the console loads the SDK on demand, so event names are strings). */
export type MarkingClient = {
  getUserId(): string | null;
  on(event: string, listener: (...args: never[]) => void): unknown;
};

// matrix-js-sdk's RoomEvent.Timeline and MatrixEventEvent.Decrypted.
const TIMELINE = "Room.timeline";
const DECRYPTED = "Event.decrypted";

/**
 * Marks when another member's encrypted message reaches this client's live
 * timeline (`synced`) and when it is decrypted (`decrypted`): see
 * {@link markReceived}. Listens only; changes nothing.
 */
export function markIncoming(client: MarkingClient): void {
  const theirs = (e: Ev): string | null => {
    const id = e.getId();
    return id && e.isEncrypted() && e.getSender() !== client.getUserId() ? id : null;
  };
  client.on(TIMELINE, ((e: Ev, _room: unknown, toStart: boolean | undefined) => {
    const id = theirs(e);
    if (id && !toStart) markReceived(id, "synced");
  }) as (...args: never[]) => void);
  client.on(DECRYPTED, ((e: Ev) => {
    const id = theirs(e);
    if (id && !e.isDecryptionFailure()) markReceived(id, "decrypted");
  }) as (...args: never[]) => void);
}
