/**
 * Whether `userId` is joined to `roomId`, asked with that user's own access
 * token (`GET /rooms/{roomId}/state/m.room.member/{userId}`): the homeserver
 * answers only to members, so someone else's room, an unknown room or a room
 * the user left is `false`. Server errors (5xx) and network errors throw.
 */
export async function joinedToRoom(homeserverUrl: string, accessToken: string, roomId: string, userId: string): Promise<boolean> {
  const res = await fetch(`${homeserverUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (res.status >= 500) throw new Error(`The homeserver answered ${res.status} to a membership check`);
  if (!res.ok) return false;
  const { membership } = (await res.json()) as { membership?: unknown };
  return membership === "join";
}
