import { EventType, KnownMembership, Preset, RoomStateEvent, Visibility, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { CONVERSATION_EVENT, isVisitorUserId, NOTES_EVENT, ROUTING_EVENT } from "../conversation/event-types";
import { currentRouting } from "./current-routing";
import { inKeyTurn } from "./invites-in-flight";
import { membershipVisible } from "./member-visible";

/** The conversation a notes room belongs to, or null when the room is not a notes room. */
export function notesConversationOf(client: MatrixClient, notesRoomId: string): string | null {
  const content = client.getRoom(notesRoomId)?.currentState.getStateEvents(NOTES_EVENT, "")?.getContent();
  return typeof content?.conversation_room_id === "string" ? content.conversation_room_id : null;
}

/**
 * Creates the agents-only, end-to-end encrypted notes room of a conversation.
 * Invite-only, nobody else invited: the visitor can never join it nor receive
 * its keys. history_visibility=shared so that invite() shares the notes
 * written so far with an agent added later (MSC4268), for example after a transfer.
 */
export async function createNotesRoom(client: MatrixClient, conversationRoomId: string): Promise<string> {
  const { room_id: roomId } = await client.createRoom({
    visibility: Visibility.Private,
    preset: Preset.PrivateChat,
    name: "Internal notes",
    initial_state: [
      { type: EventType.RoomEncryption, state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      { type: EventType.RoomHistoryVisibility, state_key: "", content: { history_visibility: "shared" } },
      { type: NOTES_EVENT, state_key: "", content: { conversation_room_id: conversationRoomId } },
    ],
  });
  return roomId;
}

/**
 * For an agent who is in notes rooms: whenever a conversation's routing names
 * an agent who is not in its notes room, invites them; matrix-js-sdk's
 * invite() shares the notes written so far (MSC4268). Only agents the router
 * assigns are ever invited, never the visitor. Returns a function that stops.
 */
export function followNotesReaders(client: MatrixClient): () => void {
  const me = client.getSafeUserId();
  const inviting = new Set<string>();
  const check = (conversationRoomId: string): void => {
    const agent = currentRouting(client, conversationRoomId)?.agent_user_id;
    // Never a visitor, whatever a (possibly forged) routing state says.
    if (!agent || agent === me || isVisitorUserId(agent)) return;
    for (const notes of client.getRooms()) {
      if (notes.getMyMembership() !== KnownMembership.Join || notesConversationOf(client, notes.roomId) !== conversationRoomId) continue;
      const membership = notes.getMember(agent)?.membership;
      const key = `${notes.roomId} ${agent}`;
      if (membership === KnownMembership.Invite || membership === KnownMembership.Join || inviting.has(key)) continue;
      inviting.add(key);
      // The invitation shares the notes so far: in its turn with this client's notes sends (see inKeyTurn).
      void inKeyTurn(client, notes.roomId, async () => {
        await client.invite(notes.roomId, agent);
        await membershipVisible(client, notes.roomId, agent);
      })
        .catch((err: Error) => console.warn(`Sealdesk: could not add ${agent} to the notes: ${err.message}`))
        .finally(() => setTimeout(() => inviting.delete(key), 10_000));
    }
  };
  const onState = (ev: MatrixEvent): void => {
    const roomId = ev.getRoomId();
    if (!roomId) return;
    if (ev.getType() === ROUTING_EVENT) check(roomId);
    // A notes room just joined (or its state arrived): catch up with its conversation.
    if (ev.getType() === NOTES_EVENT || ev.getType() === EventType.RoomMember) {
      const conversation = notesConversationOf(client, roomId);
      if (conversation) check(conversation);
    }
  };
  client.on(RoomStateEvent.Events, onState);
  for (const room of client.getRooms()) {
    const conversation = notesConversationOf(client, room.roomId);
    if (conversation) check(conversation);
  }
  return () => client.off(RoomStateEvent.Events, onState);
}

/**
 * Why this client must not write internal notes into `notesRoomId` for
 * `conversationRoomId`, or null when it is a proper notes room: it names this
 * conversation, is not itself a conversation, and no visitor is a member or
 * invited. Checked before every note, because the link comes from our
 * database, which we do not trust with deciding who may read.
 */
export function notesRoomProblem(client: MatrixClient, notesRoomId: string, conversationRoomId: string): string | null {
  const room = client.getRoom(notesRoomId);
  if (!room) return "The notes room is not loaded yet.";
  if (notesConversationOf(client, notesRoomId) !== conversationRoomId) return "This room is not the notes room of this conversation.";
  if (room.currentState.getStateEvents(CONVERSATION_EVENT, "")) return "This room is a conversation with a visitor, not a notes room.";
  const visitor = room
    .getMembers()
    .find((m) => isVisitorUserId(m.userId) && (m.membership === KnownMembership.Join || m.membership === KnownMembership.Invite));
  return visitor ? "A visitor is a member of this notes room: notes are not written there." : null;
}
