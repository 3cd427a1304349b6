import { EventType, Preset, RoomStateEvent, Visibility, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { ASSIGNMENT_EVENT, assignmentContentSchema, CONVERSATION_EVENT, type ConversationContent } from "../../lib/conversation/event-types";

/**
 * Creates the encrypted support room. history_visibility=shared so that
 * invite() can share the room history with the agent later (MSC4268); the
 * router is invited with enough power to write the assignment, and never gets
 * a key because it has no E2EE device.
 */
export async function createConversation(client: MatrixClient, routerUserId: string, context: ConversationContent): Promise<string> {
  const { room_id: roomId } = await client.createRoom({
    visibility: Visibility.Private,
    preset: Preset.PrivateChat,
    invite: [routerUserId],
    initial_state: [
      { type: EventType.RoomEncryption, state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      { type: EventType.RoomHistoryVisibility, state_key: "", content: { history_visibility: "shared" } },
      { type: CONVERSATION_EVENT, state_key: "", content: context },
    ],
    power_level_content_override: {
      // Room version 12: the creator's power is implicit and must not be listed.
      users: { [routerUserId]: 50 },
      events: { [ASSIGNMENT_EVENT]: 50, [CONVERSATION_EVENT]: 100 },
    },
  });
  return roomId;
}

/**
 * Invites whichever agent the router assigns, from this client, because only
 * this client holds the keys to share the history with them. Returns a stop function.
 */
export function followAssignment(client: MatrixClient, roomId: string, onAgent: (agent: { userId: string; displayName: string }) => void): () => void {
  const invited = new Set<string>();
  const check = (): void => {
    const room = client.getRoom(roomId);
    const ev = room?.currentState.getStateEvents(ASSIGNMENT_EVENT, "");
    if (!room || !ev) return;
    const parsed = assignmentContentSchema.safeParse(ev.getContent());
    if (!parsed.success) return;
    const agent = parsed.data.agent_user_id;
    onAgent({ userId: agent, displayName: room.getMember(agent)?.name ?? parsed.data.agent_display_name ?? "an agent" });
    const membership = room.getMember(agent)?.membership;
    if (membership !== "invite" && membership !== "join" && !invited.has(agent)) {
      // Remembered until the membership shows up in sync, so one assignment gives one invite.
      invited.add(agent);
      client.invite(roomId, agent).catch((err: Error) => {
        invited.delete(agent);
        console.error("Sealdesk: could not invite the assigned agent", err);
      });
    }
  };
  const onState = (ev: MatrixEvent): void => {
    if (ev.getRoomId() === roomId && ev.getType() === ASSIGNMENT_EVENT) check();
  };
  client.on(RoomStateEvent.Events, onState);
  check();
  return () => client.off(RoomStateEvent.Events, onState);
}
