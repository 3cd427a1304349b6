import { KnownMembership, RoomEvent, type MatrixClient } from "matrix-js-sdk";
import type { ConversationContent } from "../../lib/conversation/event-types";
import { invitedOrJoined } from "../../lib/matrix/follow-routing";
import { requestRoutingTicket } from "../../lib/widget-protocol/start-conversation";
import { createConversation, inviteTicketReaders, prepareConversation } from "./conversation";
import type { RosterGuard } from "./roster-guard";
import type { StoredVisitor } from "./visitor-session";

type Deps = {
  /** Null until the visitor is started (never while a start runs: starts wait for the client). */
  getVisitor(): StoredVisitor | null;
  setVisitor(v: StoredVisitor): void;
  context(): ConversationContent;
  follow(roomId: string): void;
};

/**
 * Where the visitor's conversation room comes from. When the chat opens the
 * room is prepared (created with only the router invited), so the first
 * message costs a routing ticket bound to that room and the readers' invites:
 * the agent is invited within the second, even in a burst. Without a prepared
 * room (the visitor wrote before it was ready, or preparing failed) the room
 * is created with the ticket's readers invited, as before.
 */
export function createConversationStarter(d: Deps) {
  let preparing: Promise<string | null> | null = null;
  let starting: Promise<string> | null = null;

  /**
   * Our prepared room, if the router is still in it (it leaves rooms never
   * started for hours) and nobody else is.
   */
  const usable = (client: MatrixClient, roomId: string | undefined): roomId is string => {
    const room = roomId ? client.getRoom(roomId) : null;
    if (!room || room.getMyMembership() !== KnownMembership.Join) return false;
    const me = client.getSafeUserId();
    const router = d.getVisitor()!.routerUserId;
    return invitedOrJoined(client, room.roomId, router) && room.getMembers().every((m) => m.userId === me || m.userId === router || m.membership === KnownMembership.Leave);
  };

  const prepare = (client: MatrixClient, guard: RosterGuard): Promise<string | null> => {
    preparing ??= (async () => {
      const v = d.getVisitor()!;
      if (v.roomId) return null;
      await guard.waitUntilSafe(() => [v.routerUserId]); // the router joins it: only while it holds no key
      if (v.preparedRoomId && (await roomSynced(client, v.preparedRoomId)) && usable(client, v.preparedRoomId)) return v.preparedRoomId;
      const roomId = await prepareConversation(client, v.routerUserId, d.context());
      d.setVisitor({ ...d.getVisitor()!, preparedRoomId: roomId });
      return roomId;
    })().catch(() => null); // the first message then creates the room itself
    return preparing;
  };

  const ensureRoom = async (client: MatrixClient, guard: RosterGuard): Promise<string> => {
    const existing = d.getVisitor()!.roomId;
    if (existing) return existing;
    starting ??= (async () => {
      const v = d.getVisitor()!;
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
      d.setVisitor({ ...d.getVisitor()!, roomId, preparedRoomId: undefined });
      preparing = null;
      await roomSynced(client, roomId);
      d.follow(roomId);
      return roomId;
    })().catch((err: unknown) => {
      starting = null;
      throw err;
    });
    return starting;
  };

  return {
    prepare,
    ensureRoom,
    /** After "New conversation": the next message starts another room (prepared again meanwhile). */
    newConversation(client: MatrixClient | null, guard: RosterGuard | null): void {
      starting = null;
      preparing = null;
      if (client && guard) void prepare(client, guard);
    },
  };
}

/** Resolves once our sync has the room (a prepared room from an earlier page load arrives with the first sync). */
function roomSynced(client: MatrixClient, roomId: string, timeoutMs = 10_000): Promise<boolean> {
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
