import { ClientEvent, KnownMembership, type MatrixClient } from "matrix-js-sdk";
import type { ConversationContent, RoutingContent } from "../../lib/conversation/event-types";
import { invitedOrJoined, untilMembership } from "../../lib/matrix/member-visible";
import { requestRoutingDecision, type StartConversationResponse } from "../../lib/widget-protocol/start-conversation";
import { inviteTicketReaders, prepareConversation, prepareConversationEarly } from "./conversation";
import type { RosterGuard } from "./roster-guard";
import type { StoredVisitor } from "./visitor-session";

type Deps = {
  /** The started visitor (starts wait for the client, so it is set by then). Read only: the session records rooms. */
  visitor(): StoredVisitor;
  context(): ConversationContent;
  /** How long a room just made may take to show createRoom's invite of the router in our sync (default 10 s). */
  syncWaitMs?: number;
};

/**
 * What the routing ticket decided (assigned, and to whom, or queued): the widget shows it from the
 * moment the readers are invited until the router's routing state, which records the same decision,
 * reaches the room (seconds later in a burst).
 */
export type TicketDecision = Pick<RoutingContent, "status" | "agent_user_id" | "agent_display_name">;

/** The decision a ticket's answer carries; the agent is the ticket's first reader (invited first). */
export function ticketDecision(answer: StartConversationResponse): TicketDecision {
  const agent = answer.ticket.readers[0];
  if (answer.status !== "assigned" || !agent) return { status: "queued" };
  return { status: "assigned", agent_user_id: agent, ...(answer.agentDisplayName ? { agent_display_name: answer.agentDisplayName } : {}) };
}

/** Where rooms come from: see {@link createConversationStarter}. */
export type ConversationStarter = ReturnType<typeof createConversationStarter>;

/**
 * Where the visitor's conversation room comes from. When the chat opens the
 * room is prepared (created with only the router invited), so the first
 * message costs a routing ticket bound to that room and the readers' invites:
 * the agent is invited within the second, even in a burst. A new visitor's
 * room is prepared as soon as the account exists, while the client starts
 * ({@link prepareEarly}). The first message waits for the prepared room (a
 * visitor who writes at once takes no other path); when preparing failed it is
 * tried once more, and the first message fails with a clear error if that
 * fails too (the app refuses a ticket without a prepared room). It only starts
 * rooms: the session records them and follows them.
 */
export function createConversationStarter(d: Deps) {
  let preparing: Promise<string | null> | null = null;
  // A new visitor's room, created with the token alone before the client ran.
  let early: Promise<string | null> | null = null;

  /** Prepares (or reuses) the next conversation's room; resolves with its id, or null (none is open then). */
  const prepare = (client: MatrixClient, guard: RosterGuard): Promise<string | null> => {
    preparing ??= (async () => {
      const v = d.visitor();
      if (v.roomId) return null;
      await guard.waitUntilSafe(() => [v.routerUserId]); // the router is given keys only while it holds none
      const made = early ? await early : null;
      early = null;
      // The room we just made reaches our sync in pieces, createRoom's invite of the router last (a second late on a
      // busy server): wait for that invite before judging the room, or a good room is taken for a spoilt one.
      if (made && (await roomSynced(client, made))) await untilMembership(client, made, v.routerUserId, (m) => m !== undefined, d.syncWaitMs ?? 10_000);
      for (const roomId of [made, v.preparedRoomId]) if (roomId && (await roomSynced(client, roomId)) && usable(client, roomId, v.routerUserId)) return roomId;
      return prepareConversation(client, v.routerUserId, d.context());
    })()
      .catch(() => null) // the first message then prepares once more
      .finally(() => performance.mark("sealdesk:prepared")); // read by bench/widget-budget.ts
    return preparing;
  };

  /**
   * Starts the conversation: the prepared room (prepared again if that had
   * failed: the app issues tickets only for a prepared room), a ticket bound to
   * it, then the ticket's readers invited into it. Resolves with the room and what the ticket decided.
   */
  const start = async (client: MatrixClient, guard: RosterGuard): Promise<{ roomId: string; decision: TicketDecision }> => {
    const v = d.visitor();
    await guard.waitUntilSafe(() => [v.routerUserId]); // a refused roster: not even a routing ticket
    // The prepared room, waited for (it is usually ready before the client): one path for every first message.
    const roomId = (await prepare(client, guard)) ?? (await ((preparing = null), prepare(client, guard)));
    if (!roomId) throw new Error("Could not prepare the conversation: please try again");
    performance.mark("sealdesk:ticket:start"); // read by bench/widget-budget.ts
    const answer = await requestRoutingDecision(location.origin, v.accessToken, roomId);
    performance.mark("sealdesk:ticket:end");
    const ticket = answer?.ticket;
    if (!answer || !ticket || ticket.room_id !== roomId) throw new Error("Could not reach the support desk");
    // Each reader must be on the signed roster before being invited.
    await guard.waitUntilSafe(() => [v.routerUserId, ...ticket.readers]);
    await inviteTicketReaders(client, roomId, v.routerUserId, ticket);
    preparing = null;
    performance.mark("sealdesk:started"); // readers invited and seen: the first message may be encrypted to them
    return { roomId, decision: ticketDecision(answer) };
  };

  return {
    prepare,
    start,
    /**
     * A new visitor (no room yet): prepare the room with the account's token now,
     * while the client starts. {@link prepare} then checks it like a stored one.
     */
    prepareEarly(v: StoredVisitor): void {
      if (v.roomId || v.preparedRoomId || preparing || early) return;
      performance.mark("sealdesk:prepare-early"); // read by bench/widget-budget.ts
      early = prepareConversationEarly(v, d.context()).catch(() => null);
    },
    /** After "New conversation": the next start prepares again. */
    reset(): void {
      preparing = null;
      early = null;
    },
  };
}

/**
 * Our prepared room, if the router is still in it (it leaves rooms never
 * started for hours) and nobody else is.
 */
function usable(client: MatrixClient, roomId: string | undefined, router: string): roomId is string {
  const room = roomId ? client.getRoom(roomId) : null;
  if (!room || room.getMyMembership() !== KnownMembership.Join) return false;
  const me = client.getSafeUserId();
  return (
    invitedOrJoined(client, room.roomId, router) &&
    room.getMembers().every((m) => m.userId === me || m.userId === router || m.membership === KnownMembership.Leave)
  );
}

/** Resolves once our sync has the room (a prepared room from an earlier page load arrives with the first sync). */
export function roomSynced(client: MatrixClient, roomId: string, timeoutMs = 10_000): Promise<boolean> {
  if (client.getRoom(roomId)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      client.off(ClientEvent.Room, onRoom);
      resolve(ok);
    };
    // A room new to the sync is stored after its events are added, then announced.
    const onRoom = (): void => {
      if (client.getRoom(roomId)) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on(ClientEvent.Room, onRoom);
  });
}
