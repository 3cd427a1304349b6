import type { MemberFact, RoomFact } from "../room-facts";

/** Test data: the router, a visitor and agents. */
export const ROUTER = "@router:x";
export const VISITOR = "@visitor-1:x";

export const member = (userId: string, membership: string, over: Partial<MemberFact> = {}): MemberFact => ({
  userId,
  membership,
  sender: userId,
  ts: 1_000,
  ...over,
});

/** A joined conversation room created by the visitor, with a valid marker. */
export const roomFact = (roomId: string, over: Partial<RoomFact> = {}): RoomFact => ({
  roomId,
  myMembership: "join",
  inviter: VISITOR,
  creator: VISITOR,
  createdAt: 1_000,
  marker: { siteId: "s1", prepared: false },
  visitorClosed: false,
  members: [member(VISITOR, "join"), member(ROUTER, "join", { sender: VISITOR })],
  creatorFirstMessageAt: null,
  creatorLastMessageAt: null,
  powerLevelsId: "$pl1",
  ...over,
});
