// @vitest-environment jsdom
import { KnownMembership, type MatrixClient } from "matrix-js-sdk";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RoutingTicket } from "../../lib/conversation/event-types";
import type { RosterGuard } from "./roster-guard";
import type { StoredVisitor } from "./visitor-session";

// What the starter asks of the server, in order (the log is the assertion).
const log: string[] = [];
const ticket = (roomId?: string): RoutingTicket => ({ room_id: roomId, readers: ["@agent:hs"] }) as unknown as RoutingTicket;
let earlyAnswer: () => Promise<string> = async () => "!early:hs";
vi.mock("./conversation", () => ({
  prepareConversationEarly: vi.fn(async () => (log.push("createRoom early (router only)"), earlyAnswer())),
  prepareConversation: vi.fn(async () => (log.push("createRoom prepared (router only)"), "!prepared:hs")),
  inviteTicketReaders: vi.fn(async (_c: unknown, roomId: string) => void log.push(`invite readers into ${roomId}`)),
}));
const answer = (t: RoutingTicket, status: "assigned" | "queued" = "assigned") => ({
  status,
  agentDisplayName: status === "assigned" ? "Ada" : null,
  ticket: t,
});
vi.mock("../../lib/widget-protocol/start-conversation", () => ({
  requestRoutingDecision: vi.fn(async (_app: string, _token: string, roomId: string) => (log.push(`ticket for ${roomId}`), answer(ticket(roomId)))),
}));
const { createConversationStarter } = await import("./conversation-start");

const ME = "@visitor-1:hs";
const ROUTER = "@router:hs";
const member = (userId: string, membership: string) => ({ userId, membership });
// A client whose sync has these rooms, each with the visitor joined and the given other members.
function clientWith(rooms: Record<string, { userId: string; membership: string }[]>): MatrixClient {
  const room = (roomId: string) => {
    const members = [member(ME, KnownMembership.Join), ...(rooms[roomId] ?? [])];
    return {
      roomId,
      getMyMembership: () => KnownMembership.Join,
      getMembers: () => members,
      getMember: (u: string) => members.find((m) => m.userId === u) ?? null,
    };
  };
  return { getRoom: (id: string) => (id in rooms ? room(id) : null), getSafeUserId: () => ME, on: vi.fn(), off: vi.fn() } as unknown as MatrixClient;
}
// A guard that lets everything pass, logging each check; or one that holds forever (a refused roster).
const passing = { waitUntilSafe: vi.fn(async (users: () => string[]) => void log.push(`guard ${users().join(",")}`)) } as unknown as RosterGuard;
const refusing = { waitUntilSafe: vi.fn(() => new Promise<void>(() => {})) } as unknown as RosterGuard;

const visitor: StoredVisitor = { homeserverUrl: "http://hs", userId: ME, deviceId: "D", accessToken: "tok", routerUserId: ROUTER };
const starterFor = (v: StoredVisitor = visitor) => createConversationStarter({ visitor: () => v, context: () => ({ site_id: "demo" }), syncWaitMs: 50 });
const routerOnly = { "!early:hs": [member(ROUTER, KnownMembership.Join)], "!prepared:hs": [member(ROUTER, KnownMembership.Invite)] };

beforeEach(() => {
  log.length = 0;
  earlyAnswer = async () => "!early:hs";
});

describe("createConversationStarter: the order of a first message", () => {
  it("a new visitor's room is prepared before the client runs; the first message uses it: router checked, ticket bound to it, readers checked, invited", async () => {
    const s = starterFor();
    s.prepareEarly(visitor); // right after the account exists
    expect(log).toEqual(["createRoom early (router only)"]);
    await expect(s.start(clientWith(routerOnly), passing)).resolves.toMatchObject({ roomId: "!early:hs" });
    expect(log).toEqual([
      "createRoom early (router only)",
      "guard @router:hs",
      "guard @router:hs",
      "ticket for !early:hs",
      "guard @router:hs,@agent:hs",
      "invite readers into !early:hs",
    ]);
  });

  it("a message written before anything was prepared waits for a prepared room (no cold path)", async () => {
    await expect(starterFor().start(clientWith(routerOnly), passing)).resolves.toMatchObject({ roomId: "!prepared:hs" });
    expect(log).toEqual([
      "guard @router:hs",
      "guard @router:hs",
      "createRoom prepared (router only)",
      "ticket for !prepared:hs",
      "guard @router:hs,@agent:hs",
      "invite readers into !prepared:hs",
    ]);
  });

  it("a refused roster: the early room exists (no key in it), but no ticket is asked for and nobody is invited", async () => {
    const s = starterFor();
    s.prepareEarly(visitor);
    void s.start(clientWith(routerOnly), refusing);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(["createRoom early (router only)"]);
  });

  it.each([
    [
      "someone else is in the early room",
      {
        "!early:hs": [member(ROUTER, KnownMembership.Join), member("@stranger:hs", KnownMembership.Join)],
        "!prepared:hs": [member(ROUTER, KnownMembership.Invite)],
      },
    ],
    ["the router is not in the early room", { "!early:hs": [], "!prepared:hs": [member(ROUTER, KnownMembership.Invite)] }],
  ])("%s: it is not used, a room is prepared anew", async (_name, rooms) => {
    const s = starterFor();
    s.prepareEarly(visitor);
    const client = clientWith(rooms);
    // The sync never shows "!early:hs" as usable, so roomSynced is not what decides: usable() is.
    await expect(s.start(client, passing)).resolves.toMatchObject({ roomId: "!prepared:hs" });
    expect(log).toContain("createRoom prepared (router only)");
    expect(log).toContain("ticket for !prepared:hs");
  });

  it("the early room reaches the sync before createRoom's invite of the router: it waits for the invite and uses the room (no second room)", async () => {
    const rooms: Record<string, { userId: string; membership: string }[]> = { "!early:hs": [] };
    const client = clientWith(rooms);
    let onMembers: (() => void) | undefined;
    vi.mocked(client.on).mockImplementation(((_event: string, fn: () => void) => void (onMembers = fn)) as never);
    const s = createConversationStarter({ visitor: () => visitor, context: () => ({ site_id: "demo" }), syncWaitMs: 60_000 });
    s.prepareEarly(visitor);
    const started = s.start(client, passing);
    await new Promise((r) => setTimeout(r, 20));
    rooms["!early:hs"] = [member(ROUTER, KnownMembership.Invite)]; // the next sync brings the invite
    onMembers?.();
    await expect(started).resolves.toMatchObject({ roomId: "!early:hs" });
    expect(log).not.toContain("createRoom prepared (router only)");
  });

  it("preparing failed (early and when the chat opened): the first message prepares once more, then asks for a ticket bound to it", async () => {
    earlyAnswer = () => Promise.reject(new Error("HTTP 500"));
    const { prepareConversation } = await import("./conversation");
    vi.mocked(prepareConversation).mockRejectedValueOnce(new Error("HTTP 500"));
    const calls = vi.mocked(prepareConversation).mock.calls.length;
    const s = starterFor();
    s.prepareEarly(visitor);
    await expect(s.start(clientWith(routerOnly), passing)).resolves.toMatchObject({ roomId: "!prepared:hs" });
    expect(vi.mocked(prepareConversation).mock.calls.length - calls).toBe(2); // the failed one, then the one that worked
    expect(log.slice(-3)).toEqual(["ticket for !prepared:hs", "guard @router:hs,@agent:hs", "invite readers into !prepared:hs"]);
    expect(log).not.toContain("ticket for no room");
  });

  it("preparing fails every time: a clear error, no ticket asked for, no room created with readers (no cold path)", async () => {
    earlyAnswer = () => Promise.reject(new Error("HTTP 500"));
    const { prepareConversation } = await import("./conversation");
    vi.mocked(prepareConversation).mockRejectedValueOnce(new Error("HTTP 500")).mockRejectedValueOnce(new Error("HTTP 500"));
    const calls = vi.mocked(prepareConversation).mock.calls.length;
    const s = starterFor();
    s.prepareEarly(visitor);
    await expect(s.start(clientWith(routerOnly), passing)).rejects.toThrow("Could not prepare the conversation: please try again");
    expect(vi.mocked(prepareConversation).mock.calls.length - calls).toBe(2);
    expect(log.some((l) => l.startsWith("ticket") || l.startsWith("invite"))).toBe(false);
  });

  it("a ticket not bound to the prepared room is not used: nobody is invited", async () => {
    const { requestRoutingDecision } = await import("../../lib/widget-protocol/start-conversation");
    vi.mocked(requestRoutingDecision).mockResolvedValueOnce(answer(ticket("!elsewhere:hs")));
    await expect(starterFor().start(clientWith(routerOnly), passing)).rejects.toThrow("Could not reach the support desk");
    expect(log.some((l) => l.startsWith("invite"))).toBe(false);
  });

  it("resolves with what the ticket decided: its first reader as the agent, or queued", async () => {
    const { requestRoutingDecision } = await import("../../lib/widget-protocol/start-conversation");
    await expect(starterFor().start(clientWith(routerOnly), passing)).resolves.toEqual({
      roomId: "!prepared:hs",
      decision: { status: "assigned", agent_user_id: "@agent:hs", agent_display_name: "Ada" },
    });
    vi.mocked(requestRoutingDecision).mockResolvedValueOnce(answer(ticket("!prepared:hs"), "queued"));
    await expect(starterFor().start(clientWith(routerOnly), passing)).resolves.toEqual({ roomId: "!prepared:hs", decision: { status: "queued" } });
  });

  it("prepares nothing early for a visitor who has a conversation or a prepared room", () => {
    starterFor().prepareEarly({ ...visitor, roomId: "!open:hs" });
    starterFor().prepareEarly({ ...visitor, preparedRoomId: "!kept:hs" });
    expect(log).toEqual([]);
  });
});
