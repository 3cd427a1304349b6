import { describe, expect, it } from "vitest";
import { closedRoomsToLeave, type HeldRoom } from "./closed-rooms-to-leave";

const closedRouterGone: HeldRoom = { roomId: "!a:x", myMembership: "join", conversation: true, routingStatus: "closed", routingSenderMembership: "leave" };

describe("closedRoomsToLeave", () => {
  const cases: [string, Partial<HeldRoom>, boolean][] = [
    ["closed and the router left: leave", {}, true],
    ["closed, router still in it (within the reopening grace): stay, a late message may bring it back", { routingSenderMembership: "join" }, false],
    ["active: stay", { routingStatus: "active" }, false],
    ["queued with the router gone (cannot happen, but never leave an open one): stay", { routingStatus: "queued" }, false],
    ["no routing state yet: stay", { routingStatus: null, routingSenderMembership: null }, false],
    ["router membership unknown: stay", { routingSenderMembership: null }, false],
    ["not a conversation (a notes room): stay", { conversation: false }, false],
    ["already left: nothing to do", { myMembership: "leave" }, false],
    ["only invited: nothing to do", { myMembership: "invite" }, false],
  ];
  it.each(cases)("%s", (_name, change, leaves) => {
    expect(closedRoomsToLeave([{ ...closedRouterGone, ...change }])).toEqual(leaves ? ["!a:x"] : []);
  });

  it("keeps the order and picks only the rooms to leave", () => {
    const rooms = [closedRouterGone, { ...closedRouterGone, roomId: "!b:x", routingStatus: "active" }, { ...closedRouterGone, roomId: "!c:x" }];
    expect(closedRoomsToLeave(rooms)).toEqual(["!a:x", "!c:x"]);
  });
});
