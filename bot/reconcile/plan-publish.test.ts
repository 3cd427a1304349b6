import { describe, expect, it } from "vitest";
import type { Unpublished } from "../router-store";
import { member, ROUTER, roomFact, VISITOR } from "../testing/facts";
import { planPublish } from "./plan-publish";
import { defined } from "@/lib/testing/defined";

const u = (over: Partial<Unpublished> = {}): Unpublished => ({
  roomId: "!r",
  version: 3,
  visitorUserId: VISITOR,
  status: "assigned",
  agentUserId: "@a:x",
  agentDisplayName: "A",
  standbyUserIds: ["@b:x"],
  supervisorUserIds: [],
  closedReason: null,
  ...over,
});
const room = roomFact("!r", {
  members: [
    member(VISITOR, "join"),
    member(ROUTER, "join"),
    member("@a:x", "invite"),
    member("@b:x", "invite"),
    member("@c:x", "invite"),
    member("@old:x", "join"),
    member("@gone:x", "leave"),
  ],
});
const plan = (x: Unpublished, notified = new Map<string, string>()) =>
  defined(planPublish({ me: ROUTER, now: 42, unpublished: [x], rooms: new Map([["!r", room]]), notified })[0], "the one room's plan");

describe("planPublish", () => {
  const cases: { name: string; u: Unpublished; withdraw: string[] }[] = [
    {
      name: "queued: nobody is withdrawn (everyone may still take it)",
      u: u({ status: "queued", agentUserId: null, standbyUserIds: ["@a:x", "@b:x"] }),
      withdraw: [],
    },
    { name: "assigned: invites of non-readers are withdrawn", u: u(), withdraw: ["@c:x"] },
    {
      name: "active: other invites and the replaced agent are withdrawn",
      u: u({ status: "active", standbyUserIds: [] }),
      withdraw: ["@b:x", "@c:x", "@old:x"],
    },
    {
      name: "active: a joined supervisor of the team is a declared reader, not withdrawn",
      u: u({ status: "active", standbyUserIds: [], supervisorUserIds: ["@old:x"] }),
      withdraw: ["@b:x", "@c:x"],
    },
    {
      name: "assigned: a supervisor's pending invite stays",
      u: u({ supervisorUserIds: ["@c:x"] }),
      withdraw: [],
    },
    { name: "closed: nobody is withdrawn", u: u({ status: "closed", closedReason: "visitor" }), withdraw: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(plan(c.u).withdraw.map((w) => w.userId)).toEqual(c.withdraw);
    });
  }

  it("writes the routing content of the database's version", () => {
    expect(plan(u())).toMatchObject({
      kind: "publish",
      roomId: "!r",
      version: 3,
      content: { status: "assigned", agent_user_id: "@a:x", readers: ["@a:x", "@b:x"], updated_at: 42 },
      summary: "assigned -> @a:x",
    });
  });

  it("lists the team's supervisors as readers after the agent, also once accepted", () => {
    expect(plan(u({ status: "active", supervisorUserIds: ["@s:x"] })).content.readers).toEqual(["@a:x", "@s:x"]);
  });

  it("gives the reason of each withdrawal", () => {
    expect(plan(u({ status: "active", standbyUserIds: [] })).withdraw).toEqual([
      { userId: "@b:x", reason: "Another agent took this conversation" },
      { userId: "@c:x", reason: "Another agent took this conversation" },
      { userId: "@old:x", reason: "Conversation transferred" },
    ]);
  });

  it("announces each assignment once, also when the agent accepted before it was published; forgets it once closed", () => {
    expect(plan(u()).notify).toBe("@a:x");
    expect(plan(u({ status: "active" })).notify).toBe("@a:x");
    expect(plan(u(), new Map([["!r", "@a:x"]])).notify).toBeNull();
    expect(plan(u({ agentUserId: "@b:x" }), new Map([["!r", "@a:x"]])).notify).toBe("@b:x");
    expect(plan(u({ status: "queued", agentUserId: null })).notify).toBeNull();
    expect(plan(u({ status: "closed" })).forget).toBe(true);
  });

  it("publishes a room the router does not see yet (the server decides)", () => {
    const [p] = planPublish({ me: ROUTER, now: 1, unpublished: [u({ roomId: "!unknown" })], rooms: new Map(), notified: new Map() });
    expect(p).toMatchObject({ roomId: "!unknown", withdraw: [] });
  });
});
