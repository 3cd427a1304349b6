import { describe, expect, it } from "vitest";
import { identityCode } from "./identity-code";
import { reviewRoster, roleChanged, roleDecisionKey, rosterAfterReview, type ReviewInput } from "./review-roster";
import { defined } from "../testing/defined";

const K = (c: string): string => c.repeat(43);
const agent = (userId: string, addedThroughConsole = true) => ({ userId, displayName: userId.slice(1, 4), addedThroughConsole });

function input(over: Partial<ReviewInput>): ReviewInput {
  return { agents: [], rostered: [], currentKeys: new Map(), self: { userId: "@op:hs", masterKey: K("O") }, ...over };
}

describe("reviewRoster", () => {
  it.each<[string, Partial<ReviewInput>, { kind: string; accept: boolean; choosable: boolean }]>([
    [
      "an agent added in the console, with an identity: new, accepted",
      { agents: [agent("@a:hs")], currentKeys: new Map([["@a:hs", K("A")]]) },
      { kind: "new", accept: true, choosable: true },
    ],
    [
      "a row inserted in the database: flagged, left out",
      { agents: [agent("@a:hs", false)], currentKeys: new Map([["@a:hs", K("A")]]) },
      { kind: "unlisted", accept: false, choosable: true },
    ],
    [
      "the operator's own identity as their browser verified it: new, accepted",
      { agents: [agent("@op:hs", false)], currentKeys: new Map([["@op:hs", K("O")]]) },
      { kind: "new", accept: true, choosable: true },
    ],
    [
      "the operator's row with a key their browser did not verify: flagged",
      { agents: [agent("@op:hs", false)], currentKeys: new Map([["@op:hs", K("X")]]) },
      { kind: "unlisted", accept: false, choosable: true },
    ],
    [
      "a changed identity: not accepted",
      { agents: [agent("@a:hs")], rostered: [{ user_id: "@a:hs", master_key: K("A") }], currentKeys: new Map([["@a:hs", K("B")]]) },
      { kind: "changed", accept: false, choosable: true },
    ],
    [
      "an unchanged identity: kept",
      { agents: [agent("@a:hs")], rostered: [{ user_id: "@a:hs", master_key: K("A") }], currentKeys: new Map([["@a:hs", K("A")]]) },
      { kind: "unchanged", accept: true, choosable: false },
    ],
    [
      "an identity gone from the server: the signed key kept",
      { agents: [agent("@a:hs")], rostered: [{ user_id: "@a:hs", master_key: K("A") }], currentKeys: new Map() },
      { kind: "missing", accept: false, choosable: false },
    ],
    ["no identity yet: nothing to sign", { agents: [agent("@a:hs")] }, { kind: "no-identity", accept: false, choosable: false }],
    [
      "on the roster, no longer an agent: removed",
      { rostered: [{ user_id: "@a:hs", master_key: K("A") }] },
      { kind: "removed", accept: true, choosable: true },
    ],
  ])("%s", (_what, over, expected) => {
    const row = defined(reviewRoster(input(over))[0], "a review row");
    expect({ kind: row.kind, accept: row.accept, choosable: row.choosable }).toEqual(expected);
  });

  it("lists changes first, unchanged last", () => {
    const rows = reviewRoster(
      input({
        agents: [agent("@u:hs"), agent("@n:hs"), agent("@c:hs")],
        rostered: [
          { user_id: "@u:hs", master_key: K("U") },
          { user_id: "@c:hs", master_key: K("C") },
        ],
        currentKeys: new Map([
          ["@u:hs", K("U")],
          ["@n:hs", K("N")],
          ["@c:hs", K("D")],
        ]),
      }),
    );
    expect(rows.map((r) => [r.kind, r.userId])).toEqual([
      ["changed", "@c:hs"],
      ["new", "@n:hs"],
      ["unchanged", "@u:hs"],
    ]);
  });
});

describe("rosterAfterReview", () => {
  const rows = reviewRoster(
    input({
      agents: [agent("@new:hs"), agent("@ins:hs", false), agent("@chg:hs"), agent("@same:hs"), agent("@none:hs")],
      rostered: [
        { user_id: "@chg:hs", master_key: K("C") },
        { user_id: "@same:hs", master_key: K("S") },
        { user_id: "@gone:hs", master_key: K("G") },
      ],
      currentKeys: new Map([
        ["@new:hs", K("N")],
        ["@ins:hs", K("I")],
        ["@chg:hs", K("D")],
        ["@same:hs", K("S")],
      ]),
    }),
  );
  const keys = (d?: Map<string, boolean>) => Object.fromEntries(rosterAfterReview(rows, d).map((a) => [a.user_id, a.master_key[0]]));

  it.each<[string, Map<string, boolean> | undefined, Record<string, string>]>([
    [
      "by default: the new agent in, the inserted row out, the changed identity keeps its signed key, the removed agent out",
      undefined,
      { "@new:hs": "N", "@chg:hs": "C", "@same:hs": "S" },
    ],
    ["accepting the changed identity signs its new key", new Map([["@chg:hs", true]]), { "@new:hs": "N", "@chg:hs": "D", "@same:hs": "S" }],
    ["accepting the inserted row signs it", new Map([["@ins:hs", true]]), { "@new:hs": "N", "@ins:hs": "I", "@chg:hs": "C", "@same:hs": "S" }],
    [
      "leaving out the new agent and keeping the removed one",
      new Map([
        ["@new:hs", false],
        ["@gone:hs", false],
      ]),
      { "@chg:hs": "C", "@same:hs": "S", "@gone:hs": "G" },
    ],
    [
      "a decision on a row that is not choosable changes nothing",
      new Map([
        ["@same:hs", false],
        ["@none:hs", true],
      ]),
      { "@new:hs": "N", "@chg:hs": "C", "@same:hs": "S" },
    ],
  ])("%s", (_what, decisions, expected) => {
    expect(keys(decisions)).toEqual(expected);
  });
});

describe("roles in the review", () => {
  const rows = reviewRoster(
    input({
      agents: [
        { ...agent("@made:hs"), supervises: "t1" },
        { ...agent("@kept:hs"), supervises: "t1" },
        { ...agent("@moved:hs"), supervises: "t2" },
        agent("@demoted:hs"),
      ],
      rostered: [
        { user_id: "@made:hs", master_key: K("M") },
        { user_id: "@kept:hs", master_key: K("K"), supervises: "t1" },
        { user_id: "@moved:hs", master_key: K("V"), supervises: "t1" },
        { user_id: "@demoted:hs", master_key: K("D"), supervises: "t1" },
        { user_id: "@gone:hs", master_key: K("G"), supervises: "t3" },
      ],
      currentKeys: new Map([
        ["@made:hs", K("M")],
        ["@kept:hs", K("K")],
        ["@moved:hs", K("V")],
        ["@demoted:hs", K("D")],
      ]),
    }),
  );
  const roles = (d?: Map<string, boolean>) => Object.fromEntries(rosterAfterReview(rows, d).map((a) => [a.user_id, a.supervises ?? null]));

  it("shows which rows change a role", () => {
    expect(rows.filter(roleChanged).map((r) => r.userId)).toEqual(["@demoted:hs", "@made:hs", "@moved:hs"]);
  });
  it.each<[string, Map<string, boolean> | undefined, Record<string, string | null>]>([
    ["by default every agent is signed with the role they have now", undefined, { "@made:hs": "t1", "@kept:hs": "t1", "@moved:hs": "t2", "@demoted:hs": null }],
    [
      "a declined role change keeps the signed role",
      new Map([
        [roleDecisionKey("@made:hs"), false],
        [roleDecisionKey("@moved:hs"), false],
        [roleDecisionKey("@demoted:hs"), false],
      ]),
      { "@made:hs": null, "@kept:hs": "t1", "@moved:hs": "t1", "@demoted:hs": "t1" },
    ],
    [
      "a removed agent kept on the roster keeps the signed role",
      new Map([["@gone:hs", false]]),
      { "@made:hs": "t1", "@kept:hs": "t1", "@moved:hs": "t2", "@demoted:hs": null, "@gone:hs": "t3" },
    ],
  ])("%s", (_what, decisions, expected) => expect(roles(decisions)).toEqual(expected));
});

describe("identityCode", () => {
  const key = "l7dz2Ue0lCJqVp0tuTnc+1Lq0u6N2tPDTWRpnNNj5L0";

  it("is five groups of four digits, the same for the same key", async () => {
    const code = await identityCode(key);
    expect(code).toMatch(/^\d{4}( \d{4}){4}$/);
    expect(await identityCode(key)).toBe(code);
  });

  it("differs for a key that differs in one bit", async () => {
    const other = `${key.slice(0, -1)}${key.endsWith("0") ? "4" : "0"}`;
    expect(await identityCode(other)).not.toBe(await identityCode(key));
  });

  it.each([
    ["too short", "AAAA"],
    ["not base64", "!".repeat(43)],
    ["empty", ""],
  ])("is null for a key that is %s", async (_w, value) => {
    expect(await identityCode(value)).toBeNull();
  });

  it("is fixed for a known key (codes shown yesterday still match today)", async () => {
    expect(await identityCode(K("A"))).toBe(await identityCode(K("A")));
    expect(await identityCode(K("A"))).toMatchInlineSnapshot(`"6995 2506 7837 1179 4356"`);
  });
});
