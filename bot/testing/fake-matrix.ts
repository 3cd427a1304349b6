import type { RoomFact } from "../room-facts";
import type { RoomSource, RoomWriter } from "../room-source";
import { member, ROUTER } from "./facts";

/**
 * Rooms as a homeserver would show them to the router, and the router's
 * writes, in memory: the runner's tests drive the rooms and read the writes.
 */
export function fakeMatrix() {
  const rooms = new Map<string, RoomFact>();
  const writes: string[] = [];
  /** The last routing state written to each room. */
  const routing = new Map<string, { status: string; readers: string[]; agent_user_id?: string }>();
  /** Members whose kick the server refuses (say, an admin raised the power levels). */
  const unkickable = new Set<string>();

  const setMember = (roomId: string, userId: string, membership: string, sender: string, ts = Date.now()): void => {
    const room = rooms.get(roomId)!;
    room.members = [...room.members.filter((m) => m.userId !== userId), member(userId, membership, { sender, ts })];
  };

  const source: RoomSource = {
    async start() {},
    stop() {},
    summaries: () => [...rooms.values()].map((r) => ({ roomId: r.roomId, myMembership: r.myMembership })),
    facts: (ids) => ids.flatMap((id) => (rooms.has(id) ? [structuredClone(rooms.get(id)!)] : [])),
  };
  const writer: RoomWriter = {
    async join(roomId) {
      writes.push(`join ${roomId}`);
      rooms.get(roomId)!.myMembership = "join";
      setMember(roomId, ROUTER, "join", ROUTER);
    },
    async leave(roomId) {
      writes.push(`leave ${roomId}`);
      rooms.get(roomId)!.myMembership = "leave";
    },
    async leaveForGood(roomId) {
      writes.push(`leave-for-good ${roomId}`);
      rooms.delete(roomId);
    },
    async kick(roomId, userId) {
      writes.push(`kick ${userId} ${roomId}`);
      if (unkickable.has(userId)) throw new Error("M_FORBIDDEN: You cannot kick user");
      setMember(roomId, userId, "leave", ROUTER);
    },
    async sendState(roomId, _type, content) {
      if (rooms.get(roomId)?.myMembership !== "join") throw new Error("M_FORBIDDEN: not in room");
      routing.set(roomId, content as never);
      writes.push(`state ${roomId} ${(content as { status: string }).status}`);
    },
  };
  return { rooms, writes, routing, unkickable, setMember, source, writer };
}
