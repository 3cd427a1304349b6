import { EventType, KnownMembership, Method, type MatrixClient, type Room } from "matrix-js-sdk";
import { isVisitorUserId } from "../conversation/event-types";

/**
 * The conversation's visitor: the room's creator, when a visitor created it
 * (the widget creates every conversation). With room version 12 the room id is
 * derived from the create event, so the server cannot swap the creator.
 */
export function roomVisitor(room: Room | null | undefined): string | null {
  const creator = room?.currentState.getStateEvents(EventType.RoomCreate, "")?.getSender() ?? null;
  return creator && isVisitorUserId(creator) ? creator : null;
}

/** Who invited us to the room (the sender of our pending invite), or null when we are not invited. */
export function inviterOf(client: MatrixClient, roomId: string): string | null {
  const me = client.getRoom(roomId)?.getMember(client.getSafeUserId());
  return me?.membership === KnownMembership.Invite ? (me.events.member?.getSender() ?? null) : null;
}

/**
 * The master key (unpadded base64) the crypto layer sees for this user, else
 * the one `/keys/query` returns now (a user we share no room with yet is not
 * tracked by the crypto layer); null when the user has no cross-signing identity.
 */
export async function masterKeyOf(client: MatrixClient, userId: string): Promise<string | null> {
  const known = (await client.getCrypto()?.getUserCrossSigningKeys(userId))?.master_key;
  const master = known ?? (await client.downloadKeysForUsers([userId]).catch(() => null))?.master_keys?.[userId];
  return master ? (Object.values(master.keys)[0] ?? null) : null;
}

/**
 * Joins a room this client is invited to. matrix-js-sdk's joinRoom() imports
 * the MSC4268 key bundle of whoever sent the invite, whoever that is; so it is
 * used only when `mayShare(inviter)` says the inviter is believed about the
 * history (see lib/matrix/history-trust). Otherwise a plain `/join`: the room
 * is never marked as waiting for a bundle, so none is accepted later either,
 * and the history stays unreadable rather than attributed on a stranger's word.
 * Resolves with whether the inviter's bundle was accepted.
 */
export async function joinAcceptingHistory(client: MatrixClient, roomId: string, mayShare: (inviter: string) => Promise<boolean>): Promise<boolean> {
  const inviter = inviterOf(client, roomId);
  if (inviter && (await mayShare(inviter))) {
    await client.joinRoom(roomId);
    return true;
  }
  if (inviter) console.warn(`Sealdesk: not importing the history keys ${inviter} sent for ${roomId}: not a verified agent of this organisation`);
  await client.http.authedRequest(Method.Post, `/join/${encodeURIComponent(roomId)}`, undefined, {});
  return false;
}
