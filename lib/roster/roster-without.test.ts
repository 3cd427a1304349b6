import { describe, expect, it } from "vitest";
import { rosterAgentsWithout, rosterOnlyRemoves } from "./roster-without";

const key = (c: string) => c.repeat(43);
const a = { user_id: "@a:x", master_key: key("A") };
const b = { user_id: "@b:x", master_key: key("B") };
const signed = (agents: unknown[]) => ({ type: "org.sealdesk.roster", version: 2, issued_at: 1, org_key: `ed25519:${key("K")}`, agents, signatures: {} });

describe("rosterAgentsWithout", () => {
  it("drops only that user", () => expect(rosterAgentsWithout([a, b], "@a:x")).toEqual([b]));
});

describe("rosterOnlyRemoves", () => {
  it.each<[string, readonly { user_id: string; master_key: string; supervises?: string }[] | null, unknown, string | null]>([
    ["removes them", [a, b], signed([b]), null],
    ["no published roster: only the exclusion is checked", null, signed([b]), null],
    ["still lists them", [a, b], signed([a, b]), "The signed roster still lists @a:x"],
    ["adds someone", [a], signed([b]), "An offboarding only removes: @b:x is not on the published roster with that key and role (review it on the Trust page)"],
    [
      "changes someone's key",
      [a, b],
      signed([{ user_id: "@b:x", master_key: key("C") }]),
      "An offboarding only removes: @b:x is not on the published roster with that key and role (review it on the Trust page)",
    ],
    [
      "makes someone a supervisor",
      [a, b],
      signed([{ ...b, supervises: "t1" }]),
      "An offboarding only removes: @b:x is not on the published roster with that key and role (review it on the Trust page)",
    ],
    ["keeps a signed supervisor as signed", [a, { ...b, supervises: "t1" }], signed([{ ...b, supervises: "t1" }]), null],
    ["not a roster", [a], { hello: 1 }, "This is not a roster"],
  ])("%s", (_name, current, value, expected) => expect(rosterOnlyRemoves(current, value, "@a:x")).toBe(expected));
});
