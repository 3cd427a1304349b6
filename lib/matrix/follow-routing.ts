import { KnownMembership, RoomMemberEvent, RoomStateEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { ROUTING_EVENT, routingContentSchema, type RoutingContent } from "../conversation/event-types";

/** The current routing state of a room, or null when absent or malformed. */
export function currentRouting(client: MatrixClient, roomId: string): RoutingContent | null {
  const ev = client.getRoom(roomId)?.currentState.getStateEvents(ROUTING_EVENT, "");
  const parsed = ev ? routingContentSchema.safeParse(ev.getContent()) : null;
  return parsed?.success ? parsed.data : null;
}

/**
 * For a client that holds the room keys (the visitor's widget, or an agent who
 * has joined): invites every reader the router lists who is not in the room
 * yet. matrix-js-sdk's invite() shares the room history with them (MSC4268),
 * which the router cannot do because it holds no key. Calls `onChange` with
 * every new routing state. Returns a function that stops following.
 */
export function followRouting(client: MatrixClient, roomId: string, onChange: (routing: RoutingContent | null) => void): () => void {
  const inviting = new Set<string>();
  const me = client.getSafeUserId();

  const check = (): void => {
    const room = client.getRoom(roomId);
    const routing = currentRouting(client, roomId);
    onChange(routing);
    if (!room || !routing || room.getMyMembership() !== KnownMembership.Join) return;
    for (const reader of routing.readers) {
      const membership = room.getMember(reader)?.membership;
      if (reader === me || membership === KnownMembership.Invite || membership === KnownMembership.Join || inviting.has(reader)) continue;
      inviting.add(reader);
      client
        .invite(roomId, reader)
        .catch((err: Error) => console.warn(`Sealdesk: could not invite ${reader}: ${err.message}`))
        // Cleared only after sync shows the invite (or it failed), so one reader gets one invite.
        .finally(() => setTimeout(() => inviting.delete(reader), 5_000));
    }
  };
  const onState = (ev: MatrixEvent): void => {
    if (ev.getRoomId() === roomId && (ev.getType() === ROUTING_EVENT || ev.getType() === "m.room.member")) check();
  };
  client.on(RoomStateEvent.Events, onState);
  client.on(RoomMemberEvent.Membership, check);
  check();
  return () => {
    client.off(RoomStateEvent.Events, onState);
    client.off(RoomMemberEvent.Membership, check);
  };
}
