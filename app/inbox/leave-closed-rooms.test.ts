import { EventEmitter } from "node:events";
import type { Room } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONVERSATION_EVENT, ROUTING_EVENT } from "../../lib/conversation/event-types";
import { followClosedRooms } from "./leave-closed-rooms";

const ROUTER = "@router:x";
const sdk = { RoomEvent: { MyMembership: "Room.myMembership" }, RoomStateEvent: { Members: "RoomState.members" }, ClientEvent: { Room: "Room" } };

/** A room as the SDK shows it: the conversation marker, the routing state sent by the router, memberships. */
function room(roomId: string, opts: { status: string; router: "join" | "leave" }) {
  const members: Record<string, string> = { [ROUTER]: opts.router, "@me:x": "join" };
  const state = (type: string) =>
    type === CONVERSATION_EVENT
      ? { getContent: () => ({ site_id: "s" }) }
      : type === ROUTING_EVENT
        ? { getSender: () => ROUTER, getContent: () => ({ status: opts.status, readers: [], updated_at: 1 }) }
        : null;
  return {
    roomId,
    members,
    getMyMembership: () => members["@me:x"],
    currentState: { getStateEvents: state, getMember: (u: string) => (members[u] ? { membership: members[u] } : null) },
  };
}

function client(rooms: ReturnType<typeof room>[], failLeave: string[] = []) {
  const emitter = new EventEmitter();
  const calls: string[] = [];
  const byId = new Map(rooms.map((r) => [r.roomId, r]));
  const c = {
    on: (e: string, f: (...a: unknown[]) => void) => emitter.on(e, f),
    off: (e: string, f: (...a: unknown[]) => void) => emitter.off(e, f),
    getRooms: () => [...byId.values()],
    getRoom: (id: string) => byId.get(id) ?? null,
    leave: vi.fn(async (id: string) => {
      if (failLeave.includes(id)) throw new Error("M_LIMIT_EXCEEDED");
      calls.push(`leave ${id}`);
      const r = byId.get(id)!;
      r.members["@me:x"] = "leave";
      // The leave comes back through sync a moment later.
      setTimeout(() => emitter.emit(sdk.RoomEvent.MyMembership, r as unknown as Room, "leave", "join"), 5);
    }),
    store: { removeRoom: vi.fn((id: string) => (calls.push(`drop ${id}`), byId.delete(id))) },
  };
  return { c: c as unknown as Parameters<typeof followClosedRooms>[0], calls, emitter };
}

afterEach(() => vi.useRealTimers());

describe("followClosedRooms", () => {
  it("leaves only the closed conversations the router left, and drops each once its leave came back through sync", async () => {
    const rooms = [
      room("!gone", { status: "closed", router: "leave" }),
      room("!grace", { status: "closed", router: "join" }),
      room("!open", { status: "active", router: "join" }),
    ];
    const { c, calls } = client(rooms);
    const left = vi.fn();
    const stop = followClosedRooms(c, sdk as never, left);
    await vi.waitFor(() => expect(calls).toEqual(["leave !gone", "drop !gone"]));
    expect(left).toHaveBeenCalledTimes(1);
    stop();
  });

  it("leaves a conversation when the router's leave arrives later (after its grace)", async () => {
    const grace = room("!grace", { status: "closed", router: "join" });
    const { c, calls, emitter } = client([grace]);
    const stop = followClosedRooms(c, sdk as never, () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
    grace.members[ROUTER] = "leave";
    emitter.emit(sdk.RoomStateEvent.Members);
    await vi.waitFor(() => expect(calls).toEqual(["leave !grace", "drop !grace"]), { timeout: 3_000 });
    stop();
  });

  it("a refused leave is not retried in a loop, only at the next change", async () => {
    const { c, calls, emitter } = client([room("!gone", { status: "closed", router: "leave" })], ["!gone"]);
    const stop = followClosedRooms(c, sdk as never, () => {});
    await new Promise((r) => setTimeout(r, 50));
    expect(vi.mocked(c.leave)).toHaveBeenCalledTimes(1);
    emitter.emit(sdk.RoomStateEvent.Members);
    await vi.waitFor(() => expect(vi.mocked(c.leave)).toHaveBeenCalledTimes(2), { timeout: 3_000 });
    expect(calls).toEqual([]);
    stop();
  });
});
