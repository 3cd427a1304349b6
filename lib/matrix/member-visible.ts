import { ClientEvent, KnownMembership, RoomStateEvent, type MatrixClient } from "matrix-js-sdk";

/** Whether this client's synced view of the room shows the user invited or joined. */
export function invitedOrJoined(client: MatrixClient, roomId: string, userId: string): boolean {
  const m = client.getRoom(roomId)?.getMember(userId)?.membership;
  return m === KnownMembership.Invite || m === KnownMembership.Join;
}

/**
 * Resolves once this client's synced view of the room shows a membership of
 * `userId` that `accepts` (undefined: none yet), woken by the sync's member
 * events rather than polled; or after `timeoutMs`, so a lost sync cannot hold
 * what waits for it. A room new to the sync emits its member events before
 * the client stores it, so the room's arrival (`ClientEvent.Room`) wakes it too.
 */
export function untilMembership(
  client: MatrixClient,
  roomId: string,
  userId: string,
  accepts: (membership: string | undefined) => boolean,
  timeoutMs: number,
): Promise<void> {
  const seen = (): boolean => accepts(client.getRoom(roomId)?.getMember(userId)?.membership);
  if (seen()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off(RoomStateEvent.Members, onMember);
      client.off(ClientEvent.Room, onMember);
      resolve();
    };
    const onMember = (): void => {
      if (seen()) done();
    };
    const timer = setTimeout(done, timeoutMs);
    client.on(RoomStateEvent.Members, onMember);
    client.on(ClientEvent.Room, onMember);
  });
}

/** Resolves once sync shows the user invited or joined (or after a bound, so a lost sync cannot block sending). */
export function membershipVisible(client: MatrixClient, roomId: string, userId: string, timeoutMs = 10_000): Promise<void> {
  return untilMembership(client, roomId, userId, (m) => m === KnownMembership.Invite || m === KnownMembership.Join, timeoutMs);
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
