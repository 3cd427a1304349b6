import { describe, expect, it } from "vitest";
import type { ClosedConversation } from "../router-store";
import type { RoomFact } from "../room-facts";
import { member, roomFact, VISITOR } from "../testing/facts";
import { planClosed } from "./plan-closed";

const AGENT = "@a:x";
const closedAt = 100_000;
const grace = 60_000;
const closed = (over: Partial<ClosedConversation> = {}): ClosedConversation => ({
  roomId: "!r",
  visitorUserId: VISITOR,
  agentUserId: AGENT,
  closedAt: new Date(closedAt),
  closedReason: "agent",
  published: true,
  ...over,
});
const withAgent = (over: Partial<RoomFact> = {}): RoomFact => roomFact("!r", { members: [member(VISITOR, "join"), member(AGENT, "join")], ...over });

const cases: { name: string; c?: Partial<ClosedConversation>; room: RoomFact | null; now: number; expected: string[] }[] = [
  { name: "within the grace, nothing new: stays", room: withAgent(), now: closedAt + 1_000, expected: [] },
  { name: "grace over: leaves", room: withAgent(), now: closedAt + grace + 1, expected: ["leave-closed"] },
  { name: "grace over but the close not published yet: waits", c: { published: false }, room: withAgent(), now: closedAt + grace + 1, expected: [] },
  { name: "grace over and the room unknown (left before, or not synced): leaves", room: null, now: closedAt + grace + 1, expected: ["leave-closed"] },
  {
    name: "the visitor wrote within the grace: back to the agent still in the room",
    room: withAgent({ creatorLastMessageAt: closedAt + 5_000 }),
    now: closedAt + 6_000,
    expected: [`reopen ${AGENT} @${closedAt + 5_000}`],
  },
  {
    name: "the visitor wrote within the grace, seen after it (router was down): still reopens",
    room: withAgent({ creatorLastMessageAt: closedAt + grace }),
    now: closedAt + 10 * grace,
    expected: [`reopen ${AGENT} @${closedAt + grace}`],
  },
  {
    name: "the agent left the room: reopens to the queue",
    room: withAgent({ creatorLastMessageAt: closedAt + 5_000, members: [member(VISITOR, "join"), member(AGENT, "leave")] }),
    now: closedAt + 6_000,
    expected: [`reopen queue @${closedAt + 5_000}`],
  },
  {
    name: "closed by inactivity, no agent: reopens to the queue",
    c: { agentUserId: null, closedReason: "inactivity" },
    room: withAgent({ creatorLastMessageAt: closedAt + 5_000 }),
    now: closedAt + 6_000,
    expected: [`reopen queue @${closedAt + 5_000}`],
  },
  {
    name: "a message from before the close does not reopen",
    room: withAgent({ creatorLastMessageAt: closedAt - 1 }),
    now: closedAt + grace + 1,
    expected: ["leave-closed"],
  },
  {
    name: "a message after the grace does not reopen: leaves",
    room: withAgent({ creatorLastMessageAt: closedAt + grace + 1 }),
    now: closedAt + grace + 2,
    expected: ["leave-closed"],
  },
  {
    name: "the visitor ended it: a late message does not reopen",
    c: { closedReason: "visitor" },
    room: withAgent({ creatorLastMessageAt: closedAt + 5_000 }),
    now: closedAt + 6_000,
    expected: [],
  },
  {
    name: "the room shows the visitor's close: final",
    room: withAgent({ visitorClosed: true, creatorLastMessageAt: closedAt + 5_000 }),
    now: closedAt + 6_000,
    expected: [],
  },
  {
    name: "a message from someone else than the room's visitor does not reopen",
    c: { visitorUserId: "@visitor-2:x" },
    room: withAgent({ creatorLastMessageAt: closedAt + 5_000 }),
    now: closedAt + 6_000,
    expected: [],
  },
  {
    name: "the router was only invited: nothing read",
    room: withAgent({ myMembership: "invite", creatorLastMessageAt: closedAt + 5_000 }),
    now: closedAt + 6_000,
    expected: [],
  },
];

describe("planClosed", () => {
  it.each(cases)("$name", ({ c, room, now, expected }) => {
    const rooms = new Map(room ? [[room.roomId, room]] : []);
    const actions = planClosed({ now: new Date(now), graceMs: grace, closed: [closed(c)], rooms });
    expect(actions.map((a) => (a.kind === "reopen" ? `reopen ${a.agentUserId ?? "queue"} @${a.at.getTime()}` : a.kind))).toEqual(expected);
  });
});
