import { describe, expect, it } from "vitest";
import type { OpenConversation } from "../router-store";
import type { MemberFact, RoomFact } from "../room-facts";
import { member, ROUTER, roomFact, VISITOR } from "../testing/facts";
import { planMembership, type MembershipAction } from "./plan-membership";

const now = new Date(100_000);
const AGENT = "@agent:x";
const conv = (over: Partial<OpenConversation> = {}): OpenConversation => ({
  roomId: "!r",
  visitorUserId: VISITOR,
  status: "assigned",
  agentUserId: AGENT,
  assignedAt: new Date(80_000),
  lastActivityAt: new Date(90_000),
  ...over,
});
const withMembers = (...extra: MemberFact[]): RoomFact =>
  roomFact("!r", { members: [member(VISITOR, "join"), member(ROUTER, "join", { sender: VISITOR }), ...extra] });
const short = (a: MembershipAction): string => `${a.kind}${"userId" in a ? ` ${a.userId}` : "agentUserId" in a ? ` ${a.agentUserId}` : ""}`;
const plan = (c: OpenConversation, room: RoomFact | undefined, timers = { noShowMs: 30_000, inactivityMs: 60_000 }) =>
  planMembership({ me: ROUTER, now, open: [c], rooms: new Map(room ? [[room.roomId, room]] : []), ...timers }).map(short);

describe("planMembership", () => {
  const cases: { name: string; c: OpenConversation; room?: RoomFact; expected: string[] }[] = [
    { name: "nothing to do", c: conv(), room: withMembers(member(AGENT, "invite", { sender: VISITOR })), expected: [] },
    { name: "the assigned agent joined: accept", c: conv(), room: withMembers(member(AGENT, "join", { ts: 85_000 })), expected: [`accept ${AGENT}`] },
    {
      name: "another agent joined an assigned conversation: claim (the store checks eligibility)",
      c: conv(),
      room: withMembers(member("@b:x", "join")),
      expected: ["claim @b:x"],
    },
    {
      name: "an agent joined a queued conversation: claim",
      c: conv({ status: "queued", agentUserId: null, assignedAt: null }),
      room: withMembers(member("@b:x", "join")),
      expected: ["claim @b:x"],
    },
    { name: "the agent of an active conversation stays", c: conv({ status: "active" }), room: withMembers(member(AGENT, "join")), expected: [] },
    {
      name: "a stranger in an active conversation is kicked",
      c: conv({ status: "active" }),
      room: withMembers(member(AGENT, "join"), member("@evil:x", "join")),
      expected: ["kick @evil:x"],
    },
    {
      name: "the agent rejected the invite after the assignment: decline",
      c: conv(),
      room: withMembers(member(AGENT, "leave", { ts: 85_000 })),
      expected: [`decline ${AGENT}`],
    },
    { name: "a leave from before the assignment is not a decline", c: conv(), room: withMembers(member(AGENT, "leave", { ts: 75_000 })), expected: [] },
    {
      name: "a withdrawn invite (someone else's kick) is not a decline",
      c: conv(),
      room: withMembers(member(AGENT, "leave", { sender: VISITOR, ts: 85_000 })),
      expected: [],
    },
    { name: "another agent's leave is not a decline", c: conv(), room: withMembers(member("@b:x", "leave", { ts: 85_000 })), expected: [] },
    {
      name: "the agent leaving an active conversation is not a decline",
      c: conv({ status: "active" }),
      room: withMembers(member(AGENT, "leave", { ts: 85_000 })),
      expected: [],
    },
    {
      name: "the visitor closed: close, and nothing else for that room",
      c: conv(),
      room: roomFact("!r", { visitorClosed: true, members: [member("@b:x", "join")] }),
      expected: ["close"],
    },
    { name: "the visitor and the router are never judged", c: conv({ status: "active" }), room: withMembers(), expected: [] },
    {
      name: "rooms the router has not joined are not read",
      c: conv({ status: "active" }),
      room: roomFact("!r", { myMembership: "invite", members: [member("@evil:x", "join")] }),
      expected: [],
    },
    { name: "no-show: assigned and not accepted in time", c: conv({ assignedAt: new Date(69_999) }), expected: [`no-show ${AGENT}`] },
    { name: "not yet a no-show", c: conv({ assignedAt: new Date(70_000) }), expected: [] },
    {
      name: "an active conversation is never a no-show",
      c: conv({ status: "active", assignedAt: new Date(0) }),
      room: withMembers(member(AGENT, "join")),
      expected: [],
    },
    { name: "no event for too long: closed for inactivity", c: conv({ lastActivityAt: new Date(39_999) }), expected: ["close-inactive"] },
    {
      name: "both timers at once (the store re-checks each under lock)",
      c: conv({ assignedAt: new Date(0), lastActivityAt: new Date(0) }),
      expected: [`no-show ${AGENT}`, "close-inactive"],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(plan(c.c, c.room)).toEqual(c.expected);
    });
  }

  it("a kick carries the room's power levels (for the back-off) and a reason", () => {
    const [kick] = planMembership({
      me: ROUTER,
      now,
      open: [conv({ status: "active" })],
      rooms: new Map([["!r", withMembers(member("@evil:x", "join"))]]),
      noShowMs: 1,
      inactivityMs: 1e9,
    });
    expect(kick).toEqual({ kind: "kick", roomId: "!r", userId: "@evil:x", reason: "Not assigned to this conversation", powerLevelsId: "$pl1" });
  });

  it.each([
    ["joined an active conversation", conv({ status: "active" }), "join"],
    ["the assigned agent, joined", conv({ agentUserId: "@gone:x" }), "join"],
    ["invited to a queued conversation (stand-by)", conv({ status: "queued", agentUserId: null, assignedAt: null }), "invite"],
  ] as const)("an offboarded agent %s is kicked", (_name, c, membership) => {
    const actions = planMembership({
      me: ROUTER,
      now,
      open: [c],
      rooms: new Map([["!r", withMembers(member("@gone:x", membership))]]),
      noShowMs: 1e9,
      inactivityMs: 1e9,
      offboarded: new Set(["@gone:x"]),
    });
    expect(actions).toEqual([{ kind: "kick", roomId: "!r", userId: "@gone:x", reason: "No longer with the support team", powerLevelsId: "$pl1" }]);
  });

  it("an offboarded agent who already left is not kicked again", () => {
    const actions = planMembership({
      me: ROUTER,
      now,
      open: [conv({ status: "queued", agentUserId: null, assignedAt: null })],
      rooms: new Map([["!r", withMembers(member("@gone:x", "leave"))]]),
      noShowMs: 1e9,
      inactivityMs: 1e9,
      offboarded: new Set(["@gone:x"]),
    });
    expect(actions).toEqual([]);
  });

  it("an accept is dated by the join event", () => {
    const [accept] = planMembership({
      me: ROUTER,
      now,
      open: [conv()],
      rooms: new Map([["!r", withMembers(member(AGENT, "join", { ts: 61_000 }))]]),
      noShowMs: 1e9,
      inactivityMs: 1e9,
    });
    expect(accept).toMatchObject({ kind: "accept", at: new Date(61_000) });
  });
});
