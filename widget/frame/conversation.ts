import { EventType, Preset, Visibility, type ICreateRoomOpts, type MatrixClient } from "matrix-js-sdk";
import { invitedOrJoined, membersVisible } from "../../lib/matrix/follow-routing";
import {
  CONVERSATION_EVENT,
  INVITE_TICKET_FIELD,
  ROUTING_EVENT,
  VISITOR_CLOSED_EVENT,
  type ConversationContent,
  type RoutingTicket,
} from "../../lib/conversation/event-types";

/**
 * The createRoom request of a conversation (see createConversation); also sent
 * as is by the load test's light clients (bench/load), so they speak the widget's protocol.
 */
export function conversationRoomRequest(routerUserId: string, context: ConversationContent, ticket?: RoutingTicket | null): ICreateRoomOpts {
  if (ticket) context = { ...context, routing_ticket: ticket };
  return {
    visibility: Visibility.Private,
    preset: Preset.PrivateChat,
    invite: [routerUserId, ...(ticket?.readers ?? [])],
    initial_state: [
      { type: EventType.RoomEncryption, state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      { type: EventType.RoomHistoryVisibility, state_key: "", content: { history_visibility: "shared" } },
      { type: CONVERSATION_EVENT, state_key: "", content: context },
    ],
    power_level_content_override: {
      // Room version 12: the creator's power is implicit and must not be listed.
      users: { [routerUserId]: 50 },
      // Only the router writes routing state; members of power 0 (agents) cannot.
      events: { [ROUTING_EVENT]: 50, [CONVERSATION_EVENT]: 100, [VISITOR_CLOSED_EVENT]: 100 },
    },
  };
}

/**
 * Creates the encrypted support room. history_visibility=shared so that
 * invite() can share the room history with the agent later (MSC4268); the
 * router is invited with enough power to write the routing state, and never gets
 * a key because it has no E2EE device. With a routing ticket (decided before
 * the room exists), the agent and stand-by readers are invited in the same
 * request: they are invited the moment the conversation exists, and every
 * message is encrypted to them from the first one. Synapse refuses visitors
 * any other room shape: keep synapse/modules/sealdesk_confinement/rules.py in step.
 */
export async function createConversation(
  client: MatrixClient,
  routerUserId: string,
  context: ConversationContent,
  ticket?: RoutingTicket | null,
): Promise<string> {
  const { room_id: roomId } = await client.createRoom(conversationRoomRequest(routerUserId, context, ticket));
  // The invites reach our sync after the room itself: wait, so the first message is encrypted for every reader.
  await membersVisible(client, roomId, [routerUserId, ...(ticket?.readers ?? [])]);
  return roomId;
}

/**
 * Prepares the visitor's next conversation room while the chat opens, before
 * anything is written: the same room, inviting only the router, marked
 * `prepared` so that the router does not route it yet. The visitor's first
 * message then costs a routing ticket and the readers' invites, not a room.
 */
export async function prepareConversation(client: MatrixClient, routerUserId: string, context: ConversationContent): Promise<string> {
  return createConversation(client, routerUserId, { ...context, prepared: true });
}

/**
 * Prepares the room of a new visitor's first conversation with the account's
 * token only, before the Matrix client runs (it overlaps the crypto start,
 * first sync and cross-signing; the client's first sync then has the room).
 * The same request as {@link prepareConversation}. No key is shared here: every
 * send still waits for the roster guard (visitor-outbox.ts), and the routing
 * ticket for the router's check (conversation-start.ts).
 */
export async function prepareConversationEarly(
  v: { homeserverUrl: string; accessToken: string; routerUserId: string },
  context: ConversationContent,
): Promise<string> {
  const res = await fetch(`${v.homeserverUrl.replace(/\/$/, "")}/_matrix/client/v3/createRoom`, {
    method: "POST",
    headers: { authorization: `Bearer ${v.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(conversationRoomRequest(v.routerUserId, { ...context, prepared: true })),
  });
  const body = (await res.json().catch(() => ({}))) as { room_id?: unknown };
  if (!res.ok || typeof body.room_id !== "string") throw new Error(`Could not prepare the conversation (HTTP ${res.status})`);
  return body.room_id;
}

/**
 * Starts a prepared conversation: invites the readers of a ticket bound to the
 * room, the agent first (the ticket lists them in that order), carrying the
 * ticket in each invite so the homeserver lets the visitor invite exactly
 * them. Waits until our sync shows them, so the first message is encrypted for
 * every reader. Invites the router back first if it left the room (it leaves
 * rooms prepared long ago and never started).
 */
export async function inviteTicketReaders(
  client: MatrixClient,
  roomId: string,
  routerUserId: string,
  ticket: RoutingTicket,
  onFirstInvited?: () => void,
): Promise<void> {
  // The router leaves a room prepared hours ago and never started: invite it back, so it records this one.
  if (!invitedOrJoined(client, roomId, routerUserId)) await client.invite(roomId, routerUserId);
  const invite = (userId: string): Promise<unknown> =>
    client.sendStateEvent(roomId, EventType.RoomMember, { membership: "invite", [INVITE_TICKET_FIELD]: ticket } as never, userId);
  const [first, ...rest] = ticket.readers;
  if (first) await invite(first);
  onFirstInvited?.();
  await Promise.all(rest.map(invite));
  await membersVisible(client, roomId, ticket.readers);
}

/** Ends the conversation from the visitor's side; the router closes it and both sides see it. */
export async function endConversation(client: MatrixClient, roomId: string): Promise<void> {
  await client.sendStateEvent(roomId, VISITOR_CLOSED_EVENT, { closed_at: Date.now() }, "");
}
