import { describe, expect, it } from "vitest";
import { generatedVisitorName, visitorDisplayName } from "./visitor-name";

describe("generatedVisitorName", () => {
  it("is stable for a visitor and has two capitalised words", () => {
    const a = generatedVisitorName("@visitor-abc:example.org");
    expect(generatedVisitorName("@visitor-abc:example.org")).toBe(a);
    expect(a).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it("spreads visitors over many names", () => {
    const names = new Set(Array.from({ length: 200 }, (_, i) => generatedVisitorName(`@visitor-${i}:example.org`)));
    expect(names.size).toBeGreaterThan(150);
  });
});

describe("visitorDisplayName", () => {
  const userId = "@visitor-1:example.org";
  it.each([
    ["the verified name first", { verifiedName: "Ada (customer)", prechatName: "Ada" }, { name: "Ada (customer)", source: "verified" }],
    ["the pre-chat name", { prechatName: "  Ada Lovelace " }, { name: "Ada Lovelace", source: "prechat" }],
    ["a generated name when none was given", {}, { name: generatedVisitorName(userId), source: "generated" }],
    ["a generated name for a blank answer", { prechatName: "   " }, { name: generatedVisitorName(userId), source: "generated" }],
    ["one line", { prechatName: "Ada\nLovelace\u0007" }, { name: "Ada Lovelace", source: "prechat" }],
    ["a cut long name", { prechatName: "x".repeat(100) }, { name: `${"x".repeat(59)}…`, source: "prechat" }],
  ])("shows %s", (_what, input, expected) => {
    expect(visitorDisplayName({ userId, ...input })).toEqual(expected);
  });
});
