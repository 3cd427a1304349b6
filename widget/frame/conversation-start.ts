import { KnownMembership, RoomEvent, type MatrixClient } from "matrix-js-sdk";
import type { ConversationContent } from "../../lib/conversation/event-types";
import { invitedOrJoined } from "../../lib/matrix/follow-routing";
import { requestRoutingTicket } from "../../lib/widget-protocol/start-conversation";
import { createConversation, inviteTicketReaders, prepareConversation } from "./conversation";
import type { RosterGuard } from "./roster-guard";
import type { StoredVisitor } from "./visitor-session";

type Deps = {
  /** The started visitor (starts wait for the client, so it is set by then). Read only: the session records rooms. */
  visitor(): StoredVisitor;
  context(): ConversationContent;
};

/** Where rooms come from: see {@link createConversationStarter}. */
export type ConversationStarter = ReturnType<typeof createConversationStarter>;

/**
 * Where the visitor's conversation room comes from. When the chat opens the
 * room is prepared (created with only the router invited), so the first
 * message costs a routing ticket bound to that room and the readers' invites:
 * the agent is invited within the second, even in a burst. Without a prepared
 * room (the visitor wrote before it was ready, or preparing failed) the room
 * is created with the ticket's readers invited, as before. It only starts
 * rooms: the session records them and follows them.
 */
export function createConversationStarter(d: Deps) {
  let preparing: Promise<string | null> | null = null;

  /**
   * Our prepared room, if the router is still in it (it leaves rooms never
   * started for hours) and nobody else is.
   */
  const usable = (client: MatrixClient, roomId: string | undefined): roomId is string => {
    const room = roomId ? client.getRoom(roomId) : null;
    if (!room || room.getMyMembership() !== KnownMembership.Join) return false;
    const me = client.getSafeUserId();
    const router = d.visitor().routerUserId;
    return (
      invitedOrJoined(client, room.roomId, router) &&
      room.getMembers().every((m) => m.userId === me || m.userId === router || m.membership === KnownMembership.Leave)
    );
  };

  /** Prepares (or reuses) the next conversation's room; resolves with its id, or null (none is open then). */
  const prepare = (client: MatrixClient, guard: RosterGuard): Promise<string | null> => {
    preparing ??= (async () => {
      const v = d.visitor();
      if (v.roomId) return null;
      await guard.waitUntilSafe(() => [v.routerUserId]); // the router joins it: only while it holds no key
      if (v.preparedRoomId && (await roomSynced(client, v.preparedRoomId)) && usable(client, v.preparedRoomId)) return v.preparedRoomId;
      return prepareConversation(client, v.routerUserId, d.context());
    })().catch(() => null); // the first message then creates the room itself
    return preparing;
  };

  /** Starts the conversation: the prepared room with the ticket's readers invited, or a new room. */
  const start = async (client: MatrixClient, guard: RosterGuard): Promise<string> => {
    const v = d.visitor();
    await guard.waitUntilSafe(() => [v.routerUserId]); // a refused roster: not even a routing ticket
    const prepared = preparing ? await preparing : null;
    const ticket = await requestRoutingTicket(location.origin, v.accessToken, prepared ?? undefined);
    if (prepared && !ticket) throw new Error("Could not reach the support desk");
    // Each reader must be on the signed roster before being invited.
    await guard.waitUntilSafe(() => [v.routerUserId, ...(ticket?.readers ?? [])]);
    let roomId: string;
    if (prepared && ticket?.room_id === prepared) {
      await inviteTicketReaders(client, prepared, v.routerUserId, ticket);
      roomId = prepared;
    } else {
      roomId = await createConversation(client, v.routerUserId, d.context(), ticket);
    }
    preparing = null;
    return roomId;
  };

  return {
    prepare,
    start,
    /** After "New conversation": the next start prepares again. */
    reset(): void {
      preparing = null;
    },
  };
}

/** Resolves once our sync has the room (a prepared room from an earlier page load arrives with the first sync). */
export function roomSynced(client: MatrixClient, roomId: string, timeoutMs = 10_000): Promise<boolean> {
  if (client.getRoom(roomId)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      client.off(RoomEvent.Timeline, onRoom);
      resolve(ok);
    };
    const onRoom = (): void => {
      if (client.getRoom(roomId)) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on(RoomEvent.Timeline, onRoom);
  });
}
