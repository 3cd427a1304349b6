import { describe, expect, it } from "vitest";
import { member, ROUTER, roomFact, VISITOR } from "../testing/facts";
import type { RoomFact } from "../room-facts";
import { planRooms, planStarted, roomsToExamine, type RoomMemory } from "./plan-rooms";

const now = new Date(1_000_000);
const none: RoomMemory = { joining: new Set(), recorded: new Set(), leaving: new Set() };
const plan = (room: RoomFact, memory: Partial<RoomMemory> = {}) => {
  const { actions, started } = planRooms({ me: ROUTER, now, preparedTtlMs: 60_000, rooms: [room], memory: { ...none, ...memory } });
  return [
    ...actions.map((a) => (a.kind === "record" ? `record:${a.conversation.ticketId ?? "-"}` : a.kind === "skip" ? `skip:${a.why}` : a.kind)),
    ...started.map((s) => `started@${s.startedAt.getTime()}`),
  ];
};
const prepared = { siteId: "s1", prepared: true };

describe("planRooms", () => {
  const cases: { name: string; room: RoomFact; memory?: Partial<RoomMemory>; expected: string[] }[] = [
    { name: "joins a visitor's invitation", room: roomFact("!r", { myMembership: "invite" }), expected: ["join"] },
    { name: "ignores an agent's invitation", room: roomFact("!r", { myMembership: "invite", inviter: "@agent:x" }), expected: [] },
    {
      name: "does not join twice while a join is in flight",
      room: roomFact("!r", { myMembership: "invite" }),
      memory: { joining: new Set(["!r"]) },
      expected: [],
    },
    { name: "records a joined conversation", room: roomFact("!r"), expected: ["record:-"] },
    {
      name: "records it with the ticket its marker names",
      room: roomFact("!r", { marker: { siteId: "s1", prepared: false, ticketId: "t1" } }),
      expected: ["record:t1"],
    },
    {
      name: "a prepared room created with a ticket is recorded at once",
      room: roomFact("!r", { marker: { ...prepared, ticketId: "t1" } }),
      expected: ["record:t1"],
    },
    { name: "records nothing twice", room: roomFact("!r"), memory: { recorded: new Set(["!r"]) }, expected: [] },
    { name: "skips (once) an invalid marker", room: roomFact("!r", { marker: "invalid" }), expected: ["skip:invalid"] },
    { name: "ignores a room without a marker", room: roomFact("!r", { marker: null }), expected: [] },
    { name: "ignores a room an agent created", room: roomFact("!r", { creator: "@agent:x" }), expected: [] },
    { name: "ignores a room it has left", room: roomFact("!r", { myMembership: "leave" }), expected: [] },
    { name: "a prepared room not started is not routed", room: roomFact("!r", { marker: prepared, createdAt: now.getTime() - 1_000 }), expected: [] },
    {
      name: "a prepared room never started past the TTL is left",
      room: roomFact("!r", { marker: prepared, createdAt: now.getTime() - 60_001 }),
      expected: ["leave"],
    },
    { name: "nor left twice", room: roomFact("!r", { marker: prepared, createdAt: 0 }), memory: { leaving: new Set(["!r"]) }, expected: [] },
    {
      name: "a prepared room started by a reader invite",
      room: roomFact("!r", {
        marker: prepared,
        members: [member(VISITOR, "join"), member(ROUTER, "join"), member("@a:x", "invite", { sender: VISITOR, ts: 5_000 })],
      }),
      expected: ["started@5000"],
    },
    {
      name: "a prepared room started by the visitor's message",
      room: roomFact("!r", { marker: prepared, creatorFirstMessageAt: 7_000 }),
      expected: ["started@7000"],
    },
    {
      name: "started at the earlier of the two",
      room: roomFact("!r", { marker: prepared, creatorFirstMessageAt: 7_000, members: [member("@a:x", "invite", { ts: 9_000 })] }),
      expected: ["started@7000"],
    },
    {
      name: "a reader who left does not start it",
      room: roomFact("!r", { marker: prepared, createdAt: now.getTime(), members: [member("@a:x", "leave")] }),
      expected: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(plan(c.room, c.memory)).toEqual(c.expected);
    });
  }

  it("takes the room's creation time, or now when the create event is unknown", () => {
    const [a] = planRooms({ me: ROUTER, now, preparedTtlMs: 1, rooms: [roomFact("!r", { createdAt: null })], memory: none }).actions;
    expect(a).toMatchObject({ kind: "record", conversation: { roomId: "!r", siteId: "s1", visitorUserId: VISITOR, createdAt: now } });
  });
});

describe("planStarted", () => {
  const s = { roomId: "!r", siteId: "s1", visitorUserId: VISITOR, startedAt: new Date(5) };
  it("records a started room with the ticket bound to it, dated by the ticket", () => {
    const ticket = { id: "t1", createdAt: new Date(3) };
    expect(planStarted([s], { known: new Set(), tickets: new Map([["!r", ticket]]) })).toEqual([
      { kind: "record", via: "prepared", conversation: { roomId: "!r", siteId: "s1", visitorUserId: VISITOR, createdAt: ticket.createdAt, ticketId: "t1" } },
    ]);
  });
  it("without a ticket (expired while the router was down): routed as it arrives, from its start", () => {
    expect(planStarted([s], { known: new Set(), tickets: new Map() })).toEqual([
      { kind: "record", via: "prepared", conversation: { roomId: "!r", siteId: "s1", visitorUserId: VISITOR, createdAt: s.startedAt, ticketId: undefined } },
    ]);
  });
  it("a room already recorded is only remembered", () => {
    expect(planStarted([s], { known: new Set(["!r"]), tickets: new Map() })).toEqual([{ kind: "skip", roomId: "!r", why: "known" }]);
  });
});

describe("roomsToExamine", () => {
  it("describes only invitations not being joined and joined rooms not handled yet", () => {
    const summaries = ["invite", "invite", "join", "join", "join", "leave"].map((m, i) => ({ roomId: `!${i}`, myMembership: m }));
    expect(roomsToExamine(summaries, { joining: new Set(["!1"]), recorded: new Set(["!3"]), leaving: new Set(["!4"]) })).toEqual(["!0", "!2"]);
  });
});
