// @vitest-environment jsdom
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import type { RoutingContent } from "../../lib/conversation/event-types";
import { createChatSession, type SessionChange } from "./chat-session";
import type { ConversationStarter, TicketDecision } from "./conversation-start";
import type { RosterGuard } from "./roster-guard";
import type { OutboxHooks, VisitorOutbox } from "./visitor-outbox";
import type { StoredVisitor } from "./visitor-session";

const VISITOR = { userId: "@v:hs", deviceId: "D", accessToken: "tok", routerUserId: "@router:hs" } as StoredVisitor;

// A client whose sync already has every room (roomSynced resolves at once), with no members.
const client = { getRoom: (roomId: string) => ({ roomId, getMembers: () => [] }), getSafeUserId: () => "@v:hs" } as unknown as MatrixClient;
const guard = { review: vi.fn(), allows: vi.fn(async () => true) } as unknown as RosterGuard;

type Started = { roomId: string; decision: TicketDecision };
const assignedTo = (roomId: string): Started => ({ roomId, decision: { status: "assigned", agent_user_id: "@ada:hs", agent_display_name: "Ada" } });

function setup(visitor: StoredVisitor = VISITOR, start: () => Promise<Started> = async () => assignedTo("!new:hs")) {
  const saved: StoredVisitor[] = [];
  const starter = { start: vi.fn(start), prepare: vi.fn(async () => "!prepared:hs"), reset: vi.fn() } as unknown as ConversationStarter & {
    start: ReturnType<typeof vi.fn>;
    prepare: ReturnType<typeof vi.fn>;
    reset: ReturnType<typeof vi.fn>;
  };
  let routingCallback: ((r: RoutingContent | null) => void) | null = null;
  const unfollow = vi.fn();
  const follow = vi.fn((_c: MatrixClient, _roomId: string, cb: (r: RoutingContent | null) => void) => ((routingCallback = cb), unfollow));
  let hooks: OutboxHooks | null = null;
  const outbox = { stop: vi.fn() } as unknown as VisitorOutbox;
  const session = createChatSession({
    ready: Promise.resolve({ client, guard }),
    save: (v) => saved.push(v),
    starter,
    outbox: (h) => ((hooks = h), outbox),
    follow: follow as never,
  });
  session.started(visitor);
  const changes: SessionChange[] = [];
  session.on((c) => changes.push(c));
  return { session, saved, starter, follow, unfollow, hooks: hooks!, outbox, changes, routing: (r: RoutingContent | null) => routingCallback!(r) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("createChatSession", () => {
  it("starts the conversation once for a burst of first messages, keeps its room and follows it", async () => {
    const s = setup({ ...VISITOR, preparedRoomId: "!prepared:hs" });
    const rooms = await Promise.all([s.hooks.ensureRoom(client, guard), s.hooks.ensureRoom(client, guard)]);
    expect(rooms).toEqual(["!new:hs", "!new:hs"]);
    expect(s.starter.start).toHaveBeenCalledTimes(1);
    expect(s.saved.at(-1)).toMatchObject({ roomId: "!new:hs", preparedRoomId: undefined });
    expect(s.session.roomId()).toBe("!new:hs");
    expect(s.follow).toHaveBeenCalledWith(client, "!new:hs", expect.any(Function), expect.anything());
    expect(s.changes).toEqual(["room"]);
  });

  it("sends into the open conversation without starting another", async () => {
    const s = setup({ ...VISITOR, roomId: "!open:hs" });
    expect(await s.hooks.ensureRoom(client, guard)).toBe("!open:hs");
    expect(s.starter.start).not.toHaveBeenCalled();
  });

  it("tries again after a failed start (nothing is recorded meanwhile)", async () => {
    let fail = true;
    const s = setup(VISITOR, async () => {
      if (fail) throw new Error("Could not reach the support desk");
      return assignedTo("!second:hs");
    });
    await expect(s.hooks.ensureRoom(client, guard)).rejects.toThrow("Could not reach");
    expect(s.saved).toEqual([]);
    fail = false;
    expect(await s.hooks.ensureRoom(client, guard)).toBe("!second:hs");
    expect(s.starter.start).toHaveBeenCalledTimes(2);
  });

  it("on open, follows the open conversation, or prepares the next room and keeps its id", async () => {
    const open = setup({ ...VISITOR, roomId: "!open:hs" });
    await settle();
    open.session.open();
    expect(open.follow).toHaveBeenCalledTimes(1);
    expect(open.starter.prepare).not.toHaveBeenCalled();

    const fresh = setup();
    await settle();
    fresh.session.open();
    await settle();
    expect(fresh.follow).not.toHaveBeenCalled();
    expect(fresh.saved.at(-1)).toMatchObject({ preparedRoomId: "!prepared:hs" });
  });

  it("shows the ticket's decision from the start until the router's routing state comes, which then wins", async () => {
    const s = setup();
    await s.hooks.ensureRoom(client, guard);
    // The router has not written the routing state yet (seconds in a burst): the ticket's agent is shown.
    s.routing(null);
    expect(s.changes).toEqual(["room", "routing"]);
    expect(s.session.routing()).toEqual({ status: "assigned", agent_user_id: "@ada:hs", agent_display_name: "Ada" });
    expect(s.session.agentName("@ada:hs")).toBe("Ada");
    s.routing({ status: "active", agent_user_id: "@bob:hs", agent_display_name: "Bob", readers: ["@bob:hs"], updated_at: 2 });
    expect(s.session.routing()).toMatchObject({ status: "active", agent_user_id: "@bob:hs" });
    s.session.restart();
    expect(s.session.routing()).toBeNull();
  });

  it("emits the routing state, remembers the agent's name and reviews the members on every change", async () => {
    const s = setup({ ...VISITOR, roomId: "!open:hs" });
    await settle();
    s.session.open();
    s.routing({ status: "assigned", agent_user_id: "@alice:hs", agent_display_name: "Alice" } as RoutingContent);
    expect(s.changes).toEqual(["room", "routing"]);
    expect(s.session.routing()?.status).toBe("assigned");
    expect(s.session.agentName("@alice:hs")).toBe("Alice");
    expect(guard.review).toHaveBeenCalled();
  });

  it("restart forgets the ended room and its routing, and prepares the next one", async () => {
    const s = setup({ ...VISITOR, roomId: "!old:hs" });
    await settle();
    s.session.open();
    s.routing({ status: "closed" } as RoutingContent);
    s.session.restart();
    expect(s.unfollow).toHaveBeenCalled();
    expect(s.session.routing()).toBeNull();
    expect(s.session.roomId()).toBeUndefined();
    expect(s.starter.reset).toHaveBeenCalled();
    expect(s.starter.prepare).toHaveBeenCalledTimes(1);
    expect(s.changes.at(-1)).toBe("restart");
    // The next message starts a new room.
    expect(await s.hooks.ensureRoom(client, guard)).toBe("!new:hs");
  });

  it("stop stops the outbox (another tab sends from now on)", () => {
    const s = setup();
    s.session.stop();
    expect(s.outbox.stop).toHaveBeenCalled();
  });

  it("tells listeners about messages and stops telling them when they unsubscribe", () => {
    const s = setup();
    const seen: SessionChange[] = [];
    const off = s.session.on((c) => seen.push(c));
    s.hooks.onChange();
    s.session.holdingChanged();
    off();
    s.hooks.onChange();
    expect(seen).toEqual(["messages", "messages"]);
  });
});
