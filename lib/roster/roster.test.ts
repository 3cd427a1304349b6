import { describe, expect, it, vi } from "vitest";
import { checkReaders } from "./check-readers";
import { exportOrgPrivateKey, generateOrgKey, importOrgPrivateKey, orgKeyId, signRoster } from "./sign-roster";
import { verifyRoster } from "./verify-roster";

const A = { user_id: "@alice:hs", master_key: "A".repeat(43) };
const B = { user_id: "@bob:hs", master_key: "B".repeat(43) };

async function fixture() {
  const pair = await generateOrgKey();
  const orgKey = await orgKeyId(pair.publicKey);
  const roster = await signRoster({ version: 3, issuedAt: 1_700_000_000_000, orgKey, agents: [B, A] }, pair.privateKey);
  return { pair, orgKey, roster };
}

describe("verifyRoster", () => {
  it("accepts a roster signed by the key of the snippet, agents sorted", async () => {
    const { orgKey, roster } = await fixture();
    const v = await verifyRoster(roster, orgKey);
    expect(v.ok && v.roster.agents.map((a) => a.user_id)).toEqual(["@alice:hs", "@bob:hs"]);
  });

  it.each([
    ["an agent's master key", (r: Record<string, unknown>) => ({ ...r, agents: [A, { ...B, master_key: "C".repeat(43) }] })],
    ["an added agent", (r: Record<string, unknown>) => ({ ...r, agents: [A, B, { user_id: "@eve:hs", master_key: "E".repeat(43) }] })],
    ["the version", (r: Record<string, unknown>) => ({ ...r, version: 4 })],
  ])("refuses a roster whose %s was changed after signing", async (_what, tamper) => {
    const { orgKey, roster } = await fixture();
    expect(await verifyRoster(tamper(roster), orgKey)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("checks the signature of the same roster once, and still refuses it changed after it was accepted", async () => {
    const { orgKey, roster } = await fixture();
    const verify = vi.spyOn(crypto.subtle, "verify");
    try {
      expect((await verifyRoster(roster, orgKey)).ok).toBe(true);
      expect((await verifyRoster(structuredClone(roster), orgKey)).ok).toBe(true);
      expect(verify).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 2; i++) expect(await verifyRoster({ ...roster, version: 4 }, orgKey)).toEqual({ ok: false, reason: "bad-signature" });
      expect(verify).toHaveBeenCalledTimes(3);
    } finally {
      verify.mockRestore();
    }
  });

  it("refuses a roster signed by another key, even when it names the snippet's key", async () => {
    const { orgKey, roster } = await fixture();
    const other = await fixture();
    expect(await verifyRoster(other.roster, orgKey)).toEqual({ ok: false, reason: "other-key" });
    const forged = { ...other.roster, org_key: orgKey, signatures: { [orgKey]: other.roster.signatures[other.orgKey] } };
    expect(await verifyRoster(forged, orgKey)).toEqual({ ok: false, reason: "bad-signature" });
    expect((await verifyRoster(roster, orgKey)).ok).toBe(true);
  });

  it("verifies canonical JSON: the order of keys in the object does not matter", async () => {
    const { orgKey, roster } = await fixture();
    const reordered = JSON.parse(
      JSON.stringify({
        signatures: roster.signatures,
        agents: roster.agents.map((a) => ({ master_key: a.master_key, user_id: a.user_id })),
        org_key: roster.org_key,
        issued_at: roster.issued_at,
        version: roster.version,
        type: roster.type,
      }),
    );
    expect((await verifyRoster(reordered, orgKey)).ok).toBe(true);
  });

  it.each([null, "roster", { type: "org.sealdesk.roster" }])("refuses malformed input %j", async (value) => {
    const { orgKey } = await fixture();
    expect(await verifyRoster(value, orgKey)).toEqual({ ok: false, reason: "malformed" });
  });

  it("round-trips the private key through its stored form", async () => {
    const { pair, orgKey } = await fixture();
    const restored = await importOrgPrivateKey(await exportOrgPrivateKey(pair.privateKey));
    expect(restored.orgKey).toBe(orgKey);
    const roster = await signRoster({ version: 1, issuedAt: 1, orgKey, agents: [A] }, restored.privateKey);
    expect((await verifyRoster(roster, orgKey)).ok).toBe(true);
  });
});

describe("checkReaders", () => {
  const base = async () => ({ me: "@visitor:hs", routerUserId: "@router:hs", roster: (await fixture()).roster });
  const seen = (entries: [string, string | null, boolean?][]) => new Map(entries.map(([u, k, d]) => [u, { masterKey: k, hasDevices: d ?? !!k }]));

  it("lets the visitor send to rostered agents with their rostered keys and a keyless router", async () => {
    expect(
      checkReaders({
        ...(await base()),
        members: ["@visitor:hs", "@router:hs", "@alice:hs"],
        seen: seen([
          ["@alice:hs", A.master_key],
          ["@router:hs", null, false],
        ]),
      }),
    ).toEqual([]);
  });

  it.each([
    ["a stranger", "@eve:hs", "E".repeat(43), "not-on-roster"],
    ["an agent with a reset identity", "@alice:hs", "Z".repeat(43), "identity-changed"],
    ["an agent with no identity", "@bob:hs", null, "no-identity"],
    ["a router with keys", "@router:hs", "R".repeat(43), "router-has-keys"],
  ] as const)("blocks %s", async (_what, userId, key, reason) => {
    expect(checkReaders({ ...(await base()), members: ["@visitor:hs", userId], seen: seen([[userId, key]]) })).toEqual([{ userId, reason }]);
  });
});
