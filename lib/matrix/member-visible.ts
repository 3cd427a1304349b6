import { KnownMembership, type MatrixClient } from "matrix-js-sdk";

/** Whether this client's synced view of the room shows the user invited or joined. */
export function invitedOrJoined(client: MatrixClient, roomId: string, userId: string): boolean {
  const m = client.getRoom(roomId)?.getMember(userId)?.membership;
  return m === KnownMembership.Invite || m === KnownMembership.Join;
}

/** Resolves once sync shows the user invited or joined (or after a bound, so a lost sync cannot block sending). */
export async function membershipVisible(client: MatrixClient, roomId: string, userId: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!invitedOrJoined(client, roomId, userId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Resolves once this client's synced view of the room shows every user invited
 * or joined (or after a bound, so a lost sync cannot block sending). A room
 * created with invites reaches the creator's sync in pieces; a message sent
 * before an invitee shows up is not encrypted for them, and no history is
 * shared with invitees of createRoom. So the creator waits for this before
 * sending the first message.
 */
export async function membersVisible(client: MatrixClient, roomId: string, userIds: readonly string[], timeoutMs = 15_000): Promise<void> {
  await Promise.all(userIds.map((u) => membershipVisible(client, roomId, u, timeoutMs)));
}
