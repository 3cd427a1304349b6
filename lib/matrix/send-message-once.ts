import { EventStatus, EventType, type MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { inKeyTurn } from "./invites-in-flight";
import { readyToSendEncrypted } from "./send-encrypted-text";

/**
 * Sends an m.room.message under a transaction id the caller chose and keeps.
 * Called again with the same txnId after a failure, it resends the SDK's same
 * local event (same ciphertext, same txnId: `resendEvent`) when the SDK still
 * holds it as NOT_SENT, or sends anew under that txnId; either way the
 * homeserver stores it once. The client must run with
 * `pendingEventOrdering: Detached` (local echoes in `room.getPendingEvents()`).
 * Never sends before the room is known to be encrypted.
 */
export async function sendMessageOnce(client: MatrixClient, roomId: string, content: RoomMessageEventContent, txnId: string): Promise<string> {
  await readyToSendEncrypted(client, roomId);
  const room = client.getRoom(roomId);
  if (!room) throw new Error("The conversation is not loaded yet");
  // Encrypted and sent in its turn with invitations that share the history (see inKeyTurn).
  return inKeyTurn(client, roomId, async () => {
    const earlier = room.getPendingEvents().find((e) => e.getTxnId() === txnId);
    if (earlier?.status === EventStatus.NOT_SENT) return (await client.resendEvent(earlier, room)).event_id;
    if (earlier) client.cancelPendingEvent(earlier); // throws unless it is queued/encrypting: then it may still be sent
    return (await client.sendEvent(roomId, EventType.RoomMessage, content, txnId)).event_id;
  });
}
