import { EventType, KnownMembership, type MatrixClient } from "matrix-js-sdk";
import { invitesSettled } from "./invites-in-flight";

/** Thrown instead of ever sending a message in the clear. */
export class NotEncryptedError extends Error {
  constructor() {
    super("Not sent: this conversation is not end-to-end encrypted yet");
    this.name = "NotEncryptedError";
  }
}

/**
 * Sends a text message only once the crypto layer knows the room is
 * encrypted. matrix-js-sdk sends in the clear to a room whose
 * `m.room.encryption` state it has not processed yet (for example right after
 * creating it); the plaintext scan in the end-to-end tests caught exactly that.
 * It also waits for reader invitations in flight (see invitesSettled).
 * matrix-js-sdk gives the event a transaction id and reuses it on retry.
 */
export async function sendEncryptedText(client: MatrixClient, roomId: string, body: string, timeoutMs = 15_000): Promise<void> {
  await readyToSendEncrypted(client, roomId, timeoutMs);
  await client.sendTextMessage(roomId, body);
}

/**
 * Resolves once the crypto layer knows the room is encrypted, this client's
 * sync has delivered the room's state (the members a message is encrypted
 * for), and no reader invitation is in flight; throws
 * {@link NotEncryptedError} after `timeoutMs`. A persisted crypto store knows
 * the room is encrypted before a freshly opened tab has synced its members: a
 * message sent then would be encrypted for nobody else.
 */
export async function readyToSendEncrypted(client: MatrixClient, roomId: string, timeoutMs = 15_000): Promise<void> {
  const crypto = client.getCrypto();
  if (!crypto) throw new NotEncryptedError();
  const deadline = Date.now() + timeoutMs;
  const roomSynced = (): boolean => {
    const room = client.getRoom(roomId);
    return !!room && room.getMyMembership() === KnownMembership.Join && !!room.currentState.getStateEvents(EventType.RoomEncryption, "");
  };
  while (!roomSynced() || !(await crypto.isEncryptionEnabledInRoom(roomId))) {
    if (Date.now() > deadline) throw new NotEncryptedError();
    await new Promise((r) => setTimeout(r, 50));
  }
  await invitesSettled(client, roomId);
}
