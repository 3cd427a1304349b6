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
  supervisorUserIds: [],
  formerSupervisors: [],
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

  describe("supervisors: declared readers stay; former ones who came in while supervising are kicked", () => {
    const S = "@super:x";
    const queued = { status: "queued" as const, agentUserId: null, assignedAt: null };
    const removed = [{ userId: S, at: new Date(50_000) }];
    const cases: { name: string; c: OpenConversation; room: RoomFact; expected: string[] }[] = [
      {
        name: "joined an active conversation: stays",
        c: conv({ status: "active", supervisorUserIds: [S] }),
        room: withMembers(member(AGENT, "join"), member(S, "join")),
        expected: [],
      },
      { name: "joined a queued conversation: no claim", c: conv({ ...queued, supervisorUserIds: [S] }), room: withMembers(member(S, "join")), expected: [] },
      { name: "joined an assigned conversation: no claim", c: conv({ supervisorUserIds: [S] }), room: withMembers(member(S, "join")), expected: [] },
      {
        name: "a supervisor who is the assigned agent accepts as any agent",
        c: conv({ agentUserId: S, supervisorUserIds: [S] }),
        room: withMembers(member(S, "join", { ts: 85_000 })),
        expected: [`accept ${S}`],
      },
      {
        name: "removed from the role, joined before: kicked from an active conversation",
        c: conv({ status: "active", formerSupervisors: removed }),
        room: withMembers(member(AGENT, "join"), member(S, "join", { ts: 40_000 })),
        expected: [`kick ${S}`],
      },
      {
        name: "removed from the role, joined before: kicked from a queued conversation too (no claim)",
        c: conv({ ...queued, formerSupervisors: removed }),
        room: withMembers(member(S, "join", { ts: 40_000 })),
        expected: [`kick ${S}`],
      },
      {
        name: "removed from the role, invited before: the invite is withdrawn",
        c: conv({ formerSupervisors: removed }),
        room: withMembers(member(S, "invite", { sender: VISITOR, ts: 40_000 })),
        expected: [`kick ${S}`],
      },
      {
        name: "removed from the role, invited again afterwards (a stand-by): left alone",
        c: conv({ ...queued, formerSupervisors: removed }),
        room: withMembers(member(S, "invite", { sender: VISITOR, ts: 60_000 })),
        expected: [],
      },
      {
        name: "removed from the role, joined afterwards: judged as any agent (claim)",
        c: conv({ ...queued, formerSupervisors: removed }),
        room: withMembers(member(S, "join", { ts: 60_000 })),
        expected: [`claim ${S}`],
      },
      {
        name: "a former supervisor who is now the conversation's agent stays",
        c: conv({ status: "active", agentUserId: S, formerSupervisors: removed }),
        room: withMembers(member(S, "join", { ts: 40_000 })),
        expected: [],
      },
      {
        name: "a former supervisor who already left: nothing",
        c: conv({ formerSupervisors: removed }),
        room: withMembers(member(S, "leave", { ts: 55_000 })),
        expected: [],
      },
    ];
    for (const c of cases) it(c.name, () => expect(plan(c.c, c.room)).toEqual(c.expected));

    it("an offboarded supervisor is kicked even while still listed", () => {
      const actions = planMembership({
        me: ROUTER,
        now,
        open: [conv({ status: "active", supervisorUserIds: [S] })],
        rooms: new Map([["!r", withMembers(member(AGENT, "join"), member(S, "join"))]]),
        noShowMs: 1e9,
        inactivityMs: 1e9,
        offboarded: new Set([S]),
      });
      expect(actions.map(short)).toEqual([`kick ${S}`]);
    });
    it("the kick says why", () => {
      const [kick] = planMembership({
        me: ROUTER,
        now,
        open: [conv({ status: "active", formerSupervisors: removed })],
        rooms: new Map([["!r", withMembers(member(AGENT, "join"), member(S, "join", { ts: 40_000 }))]]),
        noShowMs: 1e9,
        inactivityMs: 1e9,
      });
      expect(kick).toMatchObject({ kind: "kick", userId: S, reason: "No longer a supervisor of this team" });
    });
  });

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
