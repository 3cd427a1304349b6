import { describe, expect, it } from "vitest";
import { filterCanned, insertCanned, slashQuery } from "./canned-search";

describe("slashQuery", () => {
  it.each<[string, number | undefined, ReturnType<typeof slashQuery>]>([
    ["/", undefined, { start: 0, query: "" }],
    ["/open", undefined, { start: 0, query: "open" }],
    ["/opening ho", undefined, { start: 0, query: "opening ho" }],
    ["Thanks! /ref", undefined, { start: 8, query: "ref" }],
    ["and/or", undefined, null],
    ["/etc/hosts", undefined, null],
    ["line one\n/x", undefined, { start: 9, query: "x" }],
    ["/a\nmore", undefined, null],
    ["/open and more", 5, { start: 0, query: "open" }],
    [`/${"x".repeat(41)}`, undefined, null],
    ["no slash", undefined, null],
  ])("%j at %s", (draft, caret, expected) => {
    expect(slashQuery(draft, caret ?? draft.length)).toEqual(expected);
  });
});

describe("filterCanned", () => {
  const items = [
    { id: 1, title: "Refund policy", body: "Refunds within 30 days." },
    { id: 2, title: "Opening hours", body: "We are open 9 to 5." },
    { id: 3, title: "Shipping", body: "We ship worldwide; opening a parcel voids returns." },
    { id: 4, title: "Hours on holidays", body: "Closed." },
  ];
  const ids = (q: string) => filterCanned(items, q).map((i) => i.id);
  it.each<[string, number[]]>([
    ["", [4, 2, 1, 3]],
    ["open", [2, 3]],
    ["OPEN", [2, 3]],
    ["hours", [4, 2]],
    ["hours open", [2]],
    ["worldwide", [3]],
    ["nothing like this", []],
  ])("%j → %j", (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });
});

describe("insertCanned", () => {
  it("replaces the search with the text and puts the caret after it", () => {
    expect(insertCanned("Hi! /op tail", 4, 7, "We are open.")).toEqual({ draft: "Hi! We are open. tail", caret: 16 });
  });
});
