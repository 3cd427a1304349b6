import { describe, expect, it } from "vitest";
import { WIDGET_CATALOGUE } from "../widget-i18n/catalogue";
import { checkReaders } from "./check-readers";
import { checkUnknownMembers, holdsForUnknown } from "./check-unknown-members";
import { membershipNotices } from "./membership-notice";
import { identityAcceptance } from "./identity-acceptance";
import { readerWarning } from "./reader-warning";
import type { SignedRoster } from "./roster";

const roster = {
  type: "org.sealdesk.roster",
  version: 1,
  issued_at: 0,
  org_key: "ed25519:" + "K".repeat(43),
  agents: [
    { user_id: "@alice:hs", master_key: "A".repeat(43) },
    { user_id: "@bob:hs", master_key: "B".repeat(43) },
  ],
  signatures: {},
} as SignedRoster;
const seen = new Map([
  ["@alice:hs", { masterKey: "A".repeat(43), hasDevices: true }],
  ["@bob:hs", { masterKey: "B".repeat(43), hasDevices: true }],
  ["@visitor:hs", { masterKey: "V".repeat(43), hasDevices: true }],
  ["@eve:hs", { masterKey: "E".repeat(43), hasDevices: true }],
  ["@mallory:hs", { masterKey: "M".repeat(43), hasDevices: true }],
]);

describe("checkReaders from the console's side", () => {
  const base = { me: "@alice:hs", visitorUserId: "@visitor:hs", routerUserId: "@router:hs", roster, seen };
  it.each([
    ["the visitor, a colleague and a keyless router", ["@visitor:hs", "@alice:hs", "@bob:hs", "@router:hs"], []],
    ["two strangers: both named", ["@visitor:hs", "@alice:hs", "@eve:hs", "@mallory:hs"], ["@eve:hs", "@mallory:hs"]],
  ] as const)("%s", (_what, members, blocked) => {
    expect(checkReaders({ ...base, members }).map((p) => p.userId)).toEqual(blocked);
  });

  it("seen from the visitor's side, the same strangers hold the visitor's messages; the agent is checked too", () => {
    const asVisitor = { ...base, me: "@visitor:hs", visitorUserId: "@visitor:hs" };
    expect(checkReaders({ ...asVisitor, members: ["@visitor:hs", "@alice:hs", "@eve:hs"] }).map((p) => p.userId)).toEqual(["@eve:hs"]);
    const reset = new Map(seen).set("@alice:hs", { masterKey: "Z".repeat(43), hasDevices: true });
    expect(checkReaders({ ...asVisitor, seen: reset, members: ["@visitor:hs", "@alice:hs"] })).toEqual([{ userId: "@alice:hs", reason: "identity-changed" }]);
  });
});

describe("checkUnknownMembers (no organisation key)", () => {
  const base = { me: "@visitor:hs", routerUserId: "@router:hs", knownAgents: new Set(["@alice:hs"]) };
  it.each([
    ["known agent and router: nothing", ["@visitor:hs", "@alice:hs", "@router:hs"], [], [], false],
    ["a stranger holds until confirmed", ["@alice:hs", "@eve:hs"], [], [["@eve:hs", false]], true],
    ["confirmed: still flagged, no longer holds", ["@alice:hs", "@eve:hs"], ["@eve:hs"], [["@eve:hs", true]], false],
    [
      "a second newcomer holds again",
      ["@eve:hs", "@mallory:hs"],
      ["@eve:hs"],
      [
        ["@eve:hs", true],
        ["@mallory:hs", false],
      ],
      true,
    ],
  ] as const)("%s", (_what, members, confirmed, flagged, holds) => {
    const found = checkUnknownMembers({ ...base, members, confirmed: new Set(confirmed) });
    expect(found.map((u) => [u.userId, u.confirmed])).toEqual(flagged);
    expect(holdsForUnknown(found)).toBe(holds);
  });

  it("from the console's side the visitor is expected, the agent itself too", () => {
    expect(
      checkUnknownMembers({ ...base, me: "@alice:hs", visitorUserId: "@visitor:hs", members: ["@visitor:hs", "@alice:hs"], confirmed: new Set() }),
    ).toEqual([]);
  });
});

describe("readerWarning", () => {
  it.each([
    ["one stranger", [{ userId: "@eve:hs", reason: "not-on-roster" }], ["@eve:hs is in this conversation but is not one of"]],
    [
      "every stranger, not only the first",
      [
        { userId: "@eve:hs", reason: "not-on-roster" },
        { userId: "@mallory:hs", reason: "not-on-roster" },
      ],
      ["@eve:hs and @mallory:hs are in this conversation"],
    ],
    [
      "strangers and a changed identity",
      [
        { userId: "@eve:hs", reason: "not-on-roster" },
        { userId: "@alice:hs", reason: "identity-changed" },
      ],
      ["@eve:hs is in", "identity of @alice:hs changed"],
    ],
  ] as const)("%s", (_what, problems, parts) => {
    const text = readerWarning(problems, WIDGET_CATALOGUE.en)!;
    for (const p of parts) expect(text).toContain(p);
  });

  it("names both in French too", () => {
    expect(
      readerWarning(
        [
          { userId: "@eve:hs", reason: "not-on-roster" },
          { userId: "@mallory:hs", reason: "not-on-roster" },
        ],
        WIDGET_CATALOGUE.fr,
      ),
    ).toContain("@eve:hs et @mallory:hs sont");
  });

  it("is null when nothing blocks and the refusal text when the roster is refused", () => {
    expect(readerWarning([], WIDGET_CATALOGUE.en)).toBeNull();
    expect(readerWarning("refused", WIDGET_CATALOGUE.en)).toBe(WIDGET_CATALOGUE.en.rosterRefused);
  });
});

describe("membershipNotices", () => {
  const ev = (userId: string, membership: string, sender = userId, ts = 1) => ({
    eventId: `$${userId}${membership}${ts}`,
    userId,
    sender,
    membership,
    originServerTs: ts,
  });
  it("says joined, invited by, removed by and left; profile changes are left out", () => {
    const notices = membershipNotices([
      ev("@v:hs", "join"),
      ev("@a:hs", "invite", "@v:hs"),
      ev("@a:hs", "join"),
      ev("@a:hs", "join"),
      ev("@eve:hs", "join"),
      ev("@eve:hs", "leave", "@router:hs"),
      ev("@m:hs", "invite", "@x:hs"),
      ev("@m:hs", "leave", "@x:hs"),
      ev("@a:hs", "leave"),
    ]);
    expect(notices.map((n) => [n.kind, n.userId, n.by])).toEqual([
      ["joined", "@v:hs", "@v:hs"],
      ["invited", "@a:hs", "@v:hs"],
      ["joined", "@a:hs", "@a:hs"],
      ["joined", "@eve:hs", "@eve:hs"],
      ["removed", "@eve:hs", "@router:hs"],
      ["invited", "@m:hs", "@x:hs"],
      ["removed", "@m:hs", "@x:hs"],
      ["left", "@a:hs", "@a:hs"],
    ]);
  });
});

describe("identityAcceptance", () => {
  const keyed = { roster };
  const keyless = { agents: new Set(["@alice:hs"]) };
  it.each([
    ["the visitor, with a key", "@visitor:hs", "Z".repeat(43), keyed, "accept"],
    ["the visitor, when the roster is refused", "@visitor:hs", "Z".repeat(43), null, "accept"],
    ["a rostered agent whose new key the roster names", "@alice:hs", "A".repeat(43), keyed, "accept"],
    ["a rostered agent whose new key it does not name", "@alice:hs", "Z".repeat(43), keyed, "roster-pending"],
    ["a stranger, with a key", "@eve:hs", "E".repeat(43), keyed, "stranger"],
    ["a stranger, without a key", "@eve:hs", "E".repeat(43), keyless, "stranger"],
    ["a listed agent, without a key", "@alice:hs", "Z".repeat(43), keyless, "accept"],
    ["an agent, when the roster is refused", "@alice:hs", "A".repeat(43), null, "stranger"],
  ] as const)("%s", (_what, userId, seenMasterKey, trust, expected) => {
    expect(identityAcceptance({ userId, visitorUserId: "@visitor:hs", seenMasterKey, trust })).toBe(expected);
  });
});

it("identityAcceptance: with a roster, the agent list does not vouch for an identity", () => {
  expect(
    identityAcceptance({
      userId: "@eve:hs",
      visitorUserId: "@visitor:hs",
      seenMasterKey: "E".repeat(43),
      trust: { roster, agents: new Set(["@eve:hs"]) } as never,
    }),
  ).toBe("stranger");
});
