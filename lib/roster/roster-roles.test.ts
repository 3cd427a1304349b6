import { stringify } from "another-json";
import { describe, expect, it } from "vitest";
import { toUnpaddedBase64 } from "./base64";
import { supervisorRefusal } from "./reader-role";
import { generateOrgKey, orgKeyId, signRoster } from "./sign-roster";
import { verifyRoster } from "./verify-roster";
import type { SignedRoster } from "./roster";

const A = { user_id: "@alice:hs", master_key: "A".repeat(43) };
const S = { user_id: "@sue:hs", master_key: "S".repeat(43), supervises: "team-1" };

async function org() {
  const pair = await generateOrgKey();
  return { pair, orgKey: await orgKeyId(pair.publicKey) };
}

describe("roles in the signed roster", () => {
  it("verifies a roster signed before roles existed (no `supervises` anywhere), byte for byte what signRoster still signs without roles", async () => {
    const { pair, orgKey } = await org();
    // What the signer wrote before roles: the canonical JSON of exactly these fields.
    const content = { type: "org.sealdesk.roster", version: 2, issued_at: 5, org_key: orgKey, agents: [A] };
    const sig = await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, new TextEncoder().encode(stringify(content)));
    const old = { ...content, signatures: { [orgKey]: toUnpaddedBase64(new Uint8Array(sig)) } };
    const v = await verifyRoster(old, orgKey);
    expect(v.ok).toBe(true);
    const now = await signRoster({ version: 2, issuedAt: 5, orgKey, agents: [A] }, pair.privateKey);
    expect(now).toEqual(old); // Ed25519 is deterministic: the same bytes, the same signature
    expect(JSON.stringify(now.agents[0])).not.toContain("supervises");
  });

  it("signs the team a supervisor supervises, and only when set", async () => {
    const { pair, orgKey } = await org();
    const r = await signRoster({ version: 1, issuedAt: 1, orgKey, agents: [S, { ...A, supervises: undefined }] }, pair.privateKey);
    expect(r.agents).toEqual([A, S]);
    expect((await verifyRoster(r, orgKey)).ok).toBe(true);
  });

  it.each([
    ["a role added", (r: SignedRoster) => ({ ...r, agents: r.agents.map((a) => (a.user_id === A.user_id ? { ...a, supervises: "team-1" } : a)) })],
    ["a role moved to another team", (r: SignedRoster) => ({ ...r, agents: r.agents.map((a) => (a.supervises ? { ...a, supervises: "team-2" } : a)) })],
    ["a role removed", (r: SignedRoster) => ({ ...r, agents: r.agents.map(({ supervises: _s, ...a }) => a) })],
  ])("refuses a roster with %s after signing", async (_what, tamper) => {
    const { pair, orgKey } = await org();
    const r = await signRoster({ version: 1, issuedAt: 1, orgKey, agents: [A, S] }, pair.privateKey);
    expect(await verifyRoster(tamper(r), orgKey)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it.each([
    ["an empty team", { ...S, supervises: "" }],
    ["an unknown field", { ...A, role: "supervisor" }],
  ])("refuses a roster entry with %s as malformed", async (_what, entry) => {
    const { orgKey } = await org();
    const r = { type: "org.sealdesk.roster", version: 1, issued_at: 1, org_key: orgKey, agents: [entry], signatures: {} };
    expect(await verifyRoster(r, orgKey)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("supervisorRefusal", () => {
  const roster = { agents: [A, S] } as unknown as SignedRoster;
  const oldRoster = { agents: [A, { user_id: S.user_id, master_key: S.master_key }] } as unknown as SignedRoster;
  const cases: { name: string; roster: SignedRoster | null; routing: { supervisors?: string[]; team_id?: string }; reader: string; expected: string | null }[] =
    [
      { name: "a routed reader: not a role claim", roster, routing: {}, reader: A.user_id, expected: null },
      {
        name: "a routed reader while supervisors are listed",
        roster,
        routing: { supervisors: [S.user_id], team_id: "team-1" },
        reader: A.user_id,
        expected: null,
      },
      { name: "a signed supervisor of this team", roster, routing: { supervisors: [S.user_id], team_id: "team-1" }, reader: S.user_id, expected: null },
      {
        name: "a signed supervisor of another team",
        roster,
        routing: { supervisors: [S.user_id], team_id: "team-2" },
        reader: S.user_id,
        expected: "supervisor-not-signed",
      },
      {
        name: "a rostered agent the server made supervisor",
        roster,
        routing: { supervisors: [A.user_id], team_id: "team-1" },
        reader: A.user_id,
        expected: "supervisor-not-signed",
      },
      {
        name: "an old roster without roles: nobody is a supervisor",
        roster: oldRoster,
        routing: { supervisors: [S.user_id], team_id: "team-1" },
        reader: S.user_id,
        expected: "supervisor-not-signed",
      },
      {
        name: "no verified roster",
        roster: null,
        routing: { supervisors: [S.user_id], team_id: "team-1" },
        reader: S.user_id,
        expected: "supervisor-not-signed",
      },
      { name: "supervisors without a team", roster, routing: { supervisors: [S.user_id] }, reader: S.user_id, expected: "no-team" },
    ];
  for (const c of cases) it(c.name, () => expect(supervisorRefusal(c.roster, c.routing, c.reader)).toBe(c.expected));
});
