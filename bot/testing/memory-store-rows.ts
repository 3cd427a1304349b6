import type { RouterStore } from "../router-store";
import type { State } from "./memory-store";

// The in-memory store's prepared rooms and agents (see createMemoryStore).

/** Prepared rooms: named as their creator's, and those left unstarted. */
export function preparedMethods({ prepared, abandoned, conversations }: State): Pick<RouterStore, "notePreparedRooms" | "recordAbandoned"> {
  return {
    async notePreparedRooms(remember, forget) {
      for (const r of remember) prepared.set(r.roomId, r.visitorUserId);
      for (const roomId of forget) prepared.delete(roomId);
    },
    async recordAbandoned(roomId, visitorUserId) {
      prepared.delete(roomId);
      if (!conversations.has(roomId)) abandoned.set(roomId, visitorUserId);
    },
  };
}

/** The agents' rows the router reads and writes. */
export function agentMethods({ agents }: State): Pick<RouterStore, "listAgents" | "offboardedAgents" | "setControlRoom" | "setAvailability"> {
  return {
    listAgents: async () => [...agents.values()].map((a) => ({ userId: a.userId, availability: a.availability, controlRoomId: a.controlRoomId })),
    offboardedAgents: async () => [...agents.values()].filter((a) => a.offboarded).map((a) => a.userId),
    async setControlRoom(userId, roomId) {
      agents.get(userId)!.controlRoomId = roomId;
    },
    async setAvailability(userId, availability) {
      agents.get(userId)!.availability = availability;
    },
  };
}
