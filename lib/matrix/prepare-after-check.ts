import { RoomStateEvent, type MatrixClient, type RoomMember } from "matrix-js-sdk";
import { readyToSendEncrypted } from "./send-encrypted-text";

/**
 * For the composer: call with the room when the user starts typing. Once the
 * room is ready to send to (see {@link readyToSendEncrypted}, never waited
 * for here) and `check` passes (the same member check a send makes first),
 * it asks matrix-js-sdk to set up the room's Megolm session and share its key
 * (`CryptoApi.prepareToEncrypt`), so that the first message after a new
 * session or a new member does not wait for `/keys/claim` and `/sendToDevice`.
 * Nothing is shared with a member the check refuses, and the send still makes
 * its own check: a change after this one holds the message as before. At most
 * one runs at a time; a call meanwhile is dropped. Once per room, and again
 * after its members change (when a session is new or must reach a newcomer):
 * otherwise there is nothing to prepare, and a check would only compete with
 * the send's own.
 */
export function encryptionPreparer(client: MatrixClient, check: (roomId: string) => Promise<boolean>): (roomId: string | null | undefined) => void {
  let running = false;
  const prepared = new Set<string>();
  client.on(RoomStateEvent.Members, (_e: unknown, _s: unknown, member: RoomMember) => prepared.delete(member.roomId));
  return (roomId) => {
    const room = roomId ? client.getRoom(roomId) : null;
    const crypto = client.getCrypto();
    if (running || !roomId || !room || !crypto || prepared.has(roomId)) return;
    running = true;
    void (async () => {
      await readyToSendEncrypted(client, roomId, 0);
      if (!(await check(roomId))) return;
      prepared.add(roomId);
      crypto.prepareToEncrypt(room);
    })()
      .catch(() => {}) // not ready, or the check failed: the send will say why
      .finally(() => (running = false));
  };
}
