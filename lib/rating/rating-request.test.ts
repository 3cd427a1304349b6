import { describe, expect, it } from "vitest";
import { ratingBodySchema, ratingRefusal, type RatingFacts } from "./rating-request";

const mine = { visitorUserId: "@visitor-a:hs", status: "closed" };

describe("ratingRefusal", () => {
  const cases: [string, RatingFacts, number | null][] = [
    ["own closed conversation, first rating", { caller: "@visitor-a:hs", conversation: mine, alreadyRated: false }, null],
    ["no such conversation", { caller: "@visitor-a:hs", conversation: null, alreadyRated: false }, 404],
    ["another visitor's conversation", { caller: "@visitor-b:hs", conversation: mine, alreadyRated: false }, 404],
    ["another visitor's, already rated: still not found", { caller: "@visitor-b:hs", conversation: mine, alreadyRated: true }, 404],
    ["still queued", { caller: "@visitor-a:hs", conversation: { ...mine, status: "queued" }, alreadyRated: false }, 409],
    ["still active", { caller: "@visitor-a:hs", conversation: { ...mine, status: "active" }, alreadyRated: false }, 409],
    ["rated twice", { caller: "@visitor-a:hs", conversation: mine, alreadyRated: true }, 409],
  ];
  it.each(cases)("%s", (_name, facts, status) => {
    expect(ratingRefusal(facts)?.status ?? null).toBe(status);
  });
});

describe("ratingBodySchema", () => {
  const room = "!abc:hs";
  it.each([1, 2, 3, 4, 5])("accepts score %i", (score) => {
    expect(ratingBodySchema.safeParse({ room_id: room, score }).success).toBe(true);
  });
  it.each<[string, unknown]>([
    ["score 0", { room_id: room, score: 0 }],
    ["score 6", { room_id: room, score: 6 }],
    ["fractional score", { room_id: room, score: 4.5 }],
    ["score as text", { room_id: room, score: "4" }],
    ["no room", { score: 4 }],
    ["malformed room", { room_id: "abc", score: 4 }],
    ["a comment (belongs in the encrypted room)", { room_id: room, score: 4, comment: "great" }],
  ])("refuses %s", (_name, body) => {
    expect(ratingBodySchema.safeParse(body).success).toBe(false);
  });
});
