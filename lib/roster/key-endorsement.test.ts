import { describe, expect, it } from "vitest";
import { followEndorsements, verifyRosterFrom, type KeyEndorsement } from "./key-endorsement";
import { generateOrgKey, orgKeyId, signEndorsement, signRoster } from "./sign-roster";

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const A = { user_id: "@alice:hs", master_key: "A".repeat(43) };

async function key() {
  const pair = await generateOrgKey();
  return { id: await orgKeyId(pair.publicKey), priv: pair.privateKey };
}

async function fixture() {
  const [oldK, newK, third, attacker] = await Promise.all([key(), key(), key(), key()]);
  const endorse = (from: typeof oldK, to: typeof oldK, expiresAt = NOW + 30 * DAY, signer = from) =>
    signEndorsement({ oldKey: from.id, newKey: to.id, issuedAt: NOW - DAY, expiresAt }, signer.priv);
  return { oldK, newK, third, attacker, endorse };
}

describe("followEndorsements", () => {
  type F = Awaited<ReturnType<typeof fixture>>;
  const cases: [string, (f: F) => Promise<{ target: string; list: unknown }>, unknown][] = [
    ["the pinned key itself, no endorsement needed", async (f) => ({ target: f.oldK.id, list: [] }), { ok: true, until: null }],
    ["the new key endorsed by the old one", async (f) => ({ target: f.newK.id, list: [await f.endorse(f.oldK, f.newK)] }), { ok: true, until: NOW + 30 * DAY }],
    [
      "two rotations: until is the earliest expiry on the way",
      async (f) => ({ target: f.third.id, list: [await f.endorse(f.newK, f.third, NOW + 90 * DAY), await f.endorse(f.oldK, f.newK, NOW + 10 * DAY)] }),
      { ok: true, until: NOW + 10 * DAY },
    ],
    ["a new key nobody endorsed", async (f) => ({ target: f.newK.id, list: [] }), { ok: false, reason: "no-endorsement" }],
    ["endorsements that are not a list", async (f) => ({ target: f.newK.id, list: { x: 1 } }), { ok: false, reason: "no-endorsement" }],
    [
      "an endorsement the server forged (signed by another key)",
      async (f) => ({ target: f.attacker.id, list: [await f.endorse(f.oldK, f.attacker, NOW + DAY, f.attacker)] }),
      { ok: false, reason: "bad-endorsement" },
    ],
    [
      "a real endorsement with its new key swapped",
      async (f) => ({ target: f.attacker.id, list: [{ ...(await f.endorse(f.oldK, f.newK)), new_key: f.attacker.id }] }),
      { ok: false, reason: "bad-endorsement" },
    ],
    [
      "a real endorsement with its expiry pushed back",
      async (f) => ({ target: f.newK.id, list: [{ ...(await f.endorse(f.oldK, f.newK, NOW - 1)), expires_at: NOW + 365 * DAY }] }),
      { ok: false, reason: "bad-endorsement" },
    ],
    [
      "an expired endorsement (the transition is over)",
      async (f) => ({ target: f.newK.id, list: [await f.endorse(f.oldK, f.newK, NOW)] }),
      { ok: false, reason: "expired" },
    ],
    [
      "an endorsement of the attacker's key by the new key does not reach back to the old one",
      async (f) => ({ target: f.attacker.id, list: [await f.endorse(f.newK, f.attacker)] }),
      { ok: false, reason: "no-endorsement" },
    ],
    [
      "a forged endorsement next to the real one: the real one is followed",
      async (f) => ({ target: f.newK.id, list: [await f.endorse(f.oldK, f.newK, NOW + DAY, f.attacker), await f.endorse(f.oldK, f.newK, NOW + 2 * DAY)] }),
      { ok: true, until: NOW + 2 * DAY },
    ],
    [
      "an endorsement of another type tag (a roster's signature does not pass)",
      async (f) => ({ target: f.newK.id, list: [{ ...(await f.endorse(f.oldK, f.newK)), type: "org.sealdesk.roster" }] }),
      { ok: false, reason: "no-endorsement" },
    ],
  ];
  it.each(cases)("%s", async (_what, make, expected) => {
    const f = await fixture();
    const { target, list } = await make(f);
    expect(await followEndorsements(f.oldK.id, target, list, NOW)).toEqual(expected);
  });

  it("stops on a cycle of endorsements", async () => {
    const f = await fixture();
    const loop: KeyEndorsement[] = [await f.endorse(f.oldK, f.newK), await f.endorse(f.newK, f.oldK)];
    expect(await followEndorsements(f.oldK.id, f.third.id, loop, NOW)).toEqual({ ok: false, reason: "no-endorsement" });
  });
});

describe("verifyRosterFrom", () => {
  it("accepts, for the old snippet, a roster signed by the endorsed new key during the transition only", async () => {
    const f = await fixture();
    const roster = await signRoster({ version: 5, issuedAt: NOW, orgKey: f.newK.id, agents: [A] }, f.newK.priv);
    const list = [await f.endorse(f.oldK, f.newK)];
    expect(await verifyRosterFrom(roster, f.oldK.id, list, NOW)).toMatchObject({ ok: true, until: NOW + 30 * DAY });
    expect(await verifyRosterFrom(roster, f.newK.id, [], NOW)).toMatchObject({ ok: true, until: null });
    expect(await verifyRosterFrom(roster, f.oldK.id, list, NOW + 30 * DAY)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyRosterFrom(roster, f.oldK.id, [], NOW)).toEqual({ ok: false, reason: "no-endorsement" });
  });

  it("refuses a roster that claims the endorsed key but is signed by another", async () => {
    const f = await fixture();
    const forged = await signRoster({ version: 5, issuedAt: NOW, orgKey: f.attacker.id, agents: [A] }, f.attacker.priv);
    const claimed = { ...forged, org_key: f.newK.id, signatures: { [f.newK.id]: forged.signatures[f.attacker.id] } };
    expect(await verifyRosterFrom(claimed, f.oldK.id, [await f.endorse(f.oldK, f.newK)], NOW)).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifyRosterFrom("nonsense", f.oldK.id, [], NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});
