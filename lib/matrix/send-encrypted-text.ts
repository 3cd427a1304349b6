import { ClientEvent, EventType, KnownMembership, RoomEvent, RoomStateEvent, type MatrixClient } from "matrix-js-sdk";
import { inKeyTurn, invitesSettled } from "./invites-in-flight";

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
  await inKeyTurn(client, roomId, () => client.sendTextMessage(roomId, body));
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
  for (;;) {
    // Listening before checking: a change during the (asynchronous) check is not missed.
    const change = nextRoomChange(client, Math.max(0, Math.min(deadline - Date.now(), SAFETY_NET_MS)));
    const ready = roomSynced() && (await encryptionKnown(client, roomId));
    if (!ready && Date.now() < deadline) {
      await change.next;
      continue;
    }
    change.cancel();
    if (!ready) throw new NotEncryptedError();
    break;
  }
  await invitesSettled(client, roomId);
}

// Rooms this client's crypto layer knows are encrypted. It never forgets that (matrix-sdk-crypto refuses to
// change a room's encryption settings once set), so a send asks it once per room, not twice per message.
const knownEncrypted = new WeakMap<MatrixClient, Set<string>>();

async function encryptionKnown(client: MatrixClient, roomId: string): Promise<boolean> {
  const known = knownEncrypted.get(client) ?? new Set<string>();
  knownEncrypted.set(client, known);
  if (known.has(roomId)) return true;
  const enabled = await client.getCrypto()!.isEncryptionEnabledInRoom(roomId);
  if (enabled) known.add(roomId);
  return enabled;
}

// What can make a room ready: it arrives, its state or our membership changes, a sync was processed
// (the crypto layer learns the room's encryption while the SDK processes a sync, before it emits Sync).
const ROOM_CHANGES = [ClientEvent.Room, ClientEvent.Sync, RoomStateEvent.Events, RoomEvent.MyMembership] as const;
// Only in case the crypto layer learns it without any of those events (it emits none of its own).
const SAFETY_NET_MS = 1_000;

/** `next` resolves at the client's next event that could make a room ready to send to, or after `ms`; `cancel` stops listening. */
function nextRoomChange(client: MatrixClient, ms: number): { next: Promise<void>; cancel(): void } {
  let done = (): void => {};
  const next = new Promise<void>((resolve) => {
    done = (): void => {
      clearTimeout(timer);
      for (const name of ROOM_CHANGES) client.off(name, done);
      resolve();
    };
  });
  const timer = setTimeout(done, ms);
  for (const name of ROOM_CHANGES) client.on(name, done);
  return { next, cancel: done };
}
