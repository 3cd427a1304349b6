import { describe, expect, it } from "vitest";
import { deleteCannedRoute, operatorCannedRoute, updateCannedRoute } from "./canned-routes";

describe("canned response edits (parsed by the API routes)", () => {
  it.each([
    [updateCannedRoute.body, { id: 1, title: "Hours", body: "9 to 5" }],
    [deleteCannedRoute.body, { id: 7 }],
  ])("accepts %#", (schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });

  it.each([
    ["a blank title", updateCannedRoute.body, { id: 1, title: "  ", body: "x" }],
    ["a blank text", updateCannedRoute.body, { id: 1, title: "T", body: "\n" }],
    ["a title over 80", updateCannedRoute.body, { id: 1, title: "t".repeat(81), body: "x" }],
    ["a text over 4000", updateCannedRoute.body, { id: 1, title: "T", body: "x".repeat(4001) }],
    ["an id as text", updateCannedRoute.body, { id: "1", title: "T", body: "x" }],
    ["a moved team (not editable)", updateCannedRoute.body, { id: 1, title: "T", body: "x", teamId: "other" }],
    ["no id", deleteCannedRoute.body, {}],
    ["a negative id", deleteCannedRoute.body, { id: -3 }],
    ["a fractional id", deleteCannedRoute.body, { id: 1.5 }],
  ])("rejects %s", (_what, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it("trims what it keeps", () => {
    expect(updateCannedRoute.body.parse({ id: 2, title: " Hours ", body: " 9 to 5 " })).toEqual({ id: 2, title: "Hours", body: "9 to 5" });
  });

  it("reads the operator's list", () => {
    const answer = { responses: [{ id: 1, teamId: "support", teamName: "Support", title: "Hi", body: "Hello" }] };
    expect(operatorCannedRoute.response.parse(answer)).toEqual(answer);
  });
});
