import { describe, expect, it } from "vitest";
import { closedConversationsRoute, formatClosedCursor } from "./closed-routes";

const query = (q: Record<string, string>) => closedConversationsRoute.query.safeParse(q);

describe("the Closed view's query", () => {
  it("round-trips a cursor", () => {
    const cursor = { closedAt: "2026-12-06T10:00:00.000Z", roomId: "!abc:example.org" };
    expect(query({ cursor: formatClosedCursor(cursor) })).toMatchObject({ success: true, data: { cursor, limit: 50 } });
  });
  const bad: [string, Record<string, string>][] = [
    ["a cursor without a room", { cursor: "2026-12-06T10:00:00.000Z" }],
    ["a cursor with a bad date", { cursor: "yesterday|!abc:example.org" }],
    ["a cursor with a bad room id", { cursor: "2026-12-06T10:00:00.000Z|abc" }],
    ["a zero limit", { limit: "0" }],
    ["a limit over the page maximum", { limit: "101" }],
    ["a limit that is not a number", { limit: "ten" }],
  ];
  it.each(bad)("refuses %s", (_name, q) => {
    expect(query(q).success).toBe(false);
  });
  it("takes a limit within bounds", () => {
    expect(query({ limit: "100" })).toMatchObject({ success: true, data: { limit: 100 } });
  });
});
