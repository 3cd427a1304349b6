import { describe, expect, it } from "vitest";
import { member, ROUTER, roomFact, VISITOR } from "../testing/facts";
import type { RoomFact } from "../room-facts";
import { planPrepared, type PreparedMemory, type PreparedRecords } from "./plan-prepared";

const none: PreparedMemory = { prepared: new Map(), recorded: new Set(), leaving: new Set() };
const prepared = { siteId: "s1", prepared: true };
const remember: PreparedRecords = { remember: [{ roomId: "!r", visitorUserId: VISITOR }], forget: [] };
const forget: PreparedRecords = { remember: [], forget: ["!r"] };
const nothing: PreparedRecords = { remember: [], forget: [] };

describe("planPrepared: which prepared rooms the database names as their visitor's", () => {
  const cases: { name: string; room: RoomFact; memory?: Partial<PreparedMemory>; expected: PreparedRecords }[] = [
    { name: "a joined prepared room whose creator is in it: recorded for the creator", room: roomFact("!r", { marker: prepared }), expected: remember },
    {
      name: "written once: not again while nothing changed",
      room: roomFact("!r", { marker: prepared }),
      memory: { prepared: new Map([["!r", true]]) },
      expected: nothing,
    },
    {
      name: "the creator left: forgotten",
      room: roomFact("!r", { marker: prepared, members: [member(VISITOR, "leave"), member(ROUTER, "join")] }),
      memory: { prepared: new Map([["!r", true]]) },
      expected: forget,
    },
    {
      name: "the creator left while the router was down (nothing in memory): forgotten",
      room: roomFact("!r", { marker: prepared, members: [member(VISITOR, "leave"), member(ROUTER, "join")] }),
      expected: forget,
    },
    {
      name: "the creator joined again (a new membership): recorded again",
      room: roomFact("!r", { marker: prepared }),
      memory: { prepared: new Map([["!r", false]]) },
      expected: remember,
    },
    { name: "only invited, not joined yet: nothing", room: roomFact("!r", { marker: prepared, myMembership: "invite" }), expected: nothing },
    { name: "a room the router left: nothing", room: roomFact("!r", { marker: prepared, myMembership: "leave" }), expected: nothing },
    { name: "a room being left: nothing", room: roomFact("!r", { marker: prepared }), memory: { leaving: new Set(["!r"]) }, expected: nothing },
    { name: "already a conversation: nothing", room: roomFact("!r", { marker: prepared }), memory: { recorded: new Set(["!r"]) }, expected: nothing },
    { name: "not prepared (a conversation's marker): nothing", room: roomFact("!r"), expected: nothing },
    { name: "prepared with a ticket in its marker: nothing", room: roomFact("!r", { marker: { ...prepared, ticketId: "t1" } }), expected: nothing },
    { name: "an invalid marker: nothing", room: roomFact("!r", { marker: "invalid" }), expected: nothing },
    { name: "no marker: nothing", room: roomFact("!r", { marker: null }), expected: nothing },
    {
      name: "created by an agent (not a visitor), even if a visitor invited the router: nothing",
      room: roomFact("!r", { marker: prepared, creator: "@agent:x", members: [member("@agent:x", "join"), member(VISITOR, "join")] }),
      expected: nothing,
    },
    {
      name: "the one who invited the router is not the creator: recorded for the creator only",
      room: roomFact("!r", { marker: prepared, inviter: "@visitor-2:x" }),
      expected: remember,
    },
    { name: "the creator is unknown: nothing", room: roomFact("!r", { marker: prepared, creator: null }), expected: nothing },
  ];
  it.each(cases)("$name", ({ room, memory, expected }) => {
    expect(planPrepared([room], { ...none, ...memory })).toEqual(expected);
  });
});
