import { EventType, KnownMembership, MsgType, Preset, RoomEvent, Visibility, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import type { Availability } from "../lib/routing/decide-route";
import type { RouterStore } from "./router-store";
import type { StatusRooms } from "./runner";

const COMMANDS: Record<string, Availability> = { available: "available", away: "away", offline: "offline" };
const HELP = "Send “available”, “away” or “offline” to change your status, or “status” to see it.";

/**
 * Agents who use a plain Matrix client (Element…) set their availability by
 * writing to an unencrypted status room with the router, which holds no
 * E2EE keys and so can read only unencrypted rooms. The router also tells
 * them there when a conversation is assigned to them.
 */
export function controlRooms(client: MatrixClient, store: RouterStore, log: (m: string) => void): StatusRooms {
  const byRoom = new Map<string, string>();

  async function ensure(): Promise<void> {
    for (const agent of await store.listAgents()) {
      if (agent.controlRoomId) {
        byRoom.set(agent.controlRoomId, agent.userId);
        continue;
      }
      const { room_id: roomId } = await client.createRoom({
        preset: Preset.PrivateChat,
        visibility: Visibility.Private,
        invite: [agent.userId],
        name: "Sealdesk status",
        topic: HELP,
      });
      await store.setControlRoom(agent.userId, roomId);
      byRoom.set(roomId, agent.userId);
      log(`created status room ${roomId} for ${agent.userId}`);
    }
  }

  async function onMessage(ev: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined): Promise<void> {
    if (toStartOfTimeline || !room || ev.getType() !== EventType.RoomMessage) return;
    const agent = byRoom.get(room.roomId);
    if (!agent || ev.getSender() !== agent || ev.getTs() < startedAt) return;
    const text = String(ev.getContent().body ?? "")
      .trim()
      .toLowerCase();
    let reply = HELP;
    if (COMMANDS[text]) {
      await store.setAvailability(agent, COMMANDS[text]);
      reply = `You are now ${text}.`;
    } else if (text === "status") {
      const me = (await store.listAgents()).find((a) => a.userId === agent);
      reply = `You are ${me?.availability ?? "unknown"}.`;
    }
    await client.sendMessage(room.roomId, { msgtype: MsgType.Notice, body: reply });
  }

  const startedAt = Date.now();
  client.on(RoomEvent.Timeline, (ev, room, toStart) => void onMessage(ev, room, toStart).catch((e: Error) => log(`status command failed: ${e.message}`)));

  return {
    ensure,
    /** Tells an agent in their status room that a conversation waits for them (if they have joined it). */
    async notifyAssigned(agentUserId: string, roomId: string): Promise<void> {
      const controlRoomId = [...byRoom].find(([, a]) => a === agentUserId)?.[0];
      const room = controlRoomId ? client.getRoom(controlRoomId) : null;
      if (!room || room.getMember(agentUserId)?.membership !== KnownMembership.Join) return;
      await client.sendMessage(room.roomId, {
        msgtype: MsgType.Notice,
        body: `A new conversation is assigned to you: accept the invitation to ${roomId} to answer.`,
      });
    },
  };
}
