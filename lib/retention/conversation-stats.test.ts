import { describe, expect, it } from "vitest";
import { conversationStats, type StatsInput } from "./conversation-stats";

const base: StatsInput = {
  siteId: "s",
  teamId: "t",
  agentUserId: "@a:x",
  createdAt: new Date("2026-03-01T23:59:00Z"),
  acceptedAt: null,
  firstAgentReplyAt: null,
  assignments: 0,
};

describe("conversationStats", () => {
  it.each([
    {
      name: "never assigned: one conversation, no wait, no reply",
      over: { agentUserId: null, teamId: null },
      expected: { day: "2026-03-01", teamId: "", agentUserId: "", conversations: 1, waits: 0, waitSecondsSum: 0, firstResponses: 0 },
    },
    {
      name: "accepted after 90 s, first reply after 2 min, two offers",
      over: { acceptedAt: new Date("2026-03-02T00:00:30Z"), firstAgentReplyAt: new Date("2026-03-02T00:01:00Z"), assignments: 2 },
      expected: { day: "2026-03-01", waits: 1, waitSecondsSum: 90, firstResponses: 1, firstResponseSecondsSum: 120, assignments: 2 },
    },
    { name: "rated 4: one rating, its score kept", over: { rating: 4 }, expected: { ratings: 1, ratingScoreSum: 4 } },
    { name: "not rated: no rating", over: { rating: null }, expected: { ratings: 0, ratingScoreSum: 0 } },
    { name: "a clock skew never counts negative time", over: { acceptedAt: new Date("2026-03-01T23:58:00Z") }, expected: { waits: 1, waitSecondsSum: 0 } },
  ])("$name", ({ over, expected }) => {
    expect(conversationStats({ ...base, ...over })).toMatchObject(expected);
  });

  it("names no room and no visitor", () => {
    expect(Object.keys(conversationStats(base)).sort()).toEqual([
      "agentUserId",
      "assignments",
      "conversations",
      "day",
      "firstResponseSecondsSum",
      "firstResponses",
      "ratingScoreSum",
      "ratings",
      "siteId",
      "teamId",
      "waitSecondsSum",
      "waits",
    ]);
  });
});
