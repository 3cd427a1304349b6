import { describe, expect, it } from "vitest";
import { analyseConversation } from "./analyse-conversation";
import { verifyMatrixSignature } from "./verify-signature";
import { prepareWebSignatureVerifier } from "./web-signature-verifier";
import { device, identity, keyPair, keysQuery } from "./signed-key-fixtures";
import type { AlertKind, AuditInput, AuditSnapshot, MembershipEvent, RosterEntry } from "./types";
import { defined } from "../testing/defined";

const V = "@visitor-1:hs";
const A = "@alice:hs";
const B = "@bob:hs";
const R = "@router:hs";
const S = "@stranger:hs";

let ts = 1_700_000_000_000;
const ev = (userId: string, membership: string, sender = userId): MembershipEvent => ({ eventId: `$${++ts}`, userId, sender, membership, originServerTs: ts });
const normalEvents = (): MembershipEvent[] => [ev(V, "join"), ev(R, "invite", V), ev(A, "invite", V), ev(R, "join"), ev(A, "join")];

// Real identities, generated once: a visitor and an agent, each with one cross-signed device.
const vId = identity(V);
const aId = identity(A);
const vDev = device(V, "VDEV", vId.ssk).keys;
const aDev = device(A, "ADEV", aId.ssk).keys;
const roster: RosterEntry[] = [{ userId: A }, { userId: B }];
const now = new Date("2026-11-22T12:00:00Z");

function input(over: Partial<AuditInput> & { extraKeys?: Parameters<typeof keysQuery>[0] } = {}): AuditInput {
  const { extraKeys = [], ...rest } = over;
  const parts = [
    { userId: V, identity: vId, devices: [vDev] },
    { userId: A, identity: aId, devices: [aDev] },
    { userId: R, devices: [] },
  ];
  for (const e of extraKeys) {
    const i = parts.findIndex((p) => p.userId === e.userId);
    if (i >= 0) parts[i] = e as (typeof parts)[number];
    else parts.push(e as (typeof parts)[number]);
  }
  return {
    roomId: "!room:hs",
    visitorUserId: V,
    routerUserId: R,
    membershipEvents: normalEvents(),
    keys: keysQuery(parts),
    roster,
    previous: null,
    now,
    ...rest,
  };
}

const kinds = (i: AuditInput): [AlertKind, string, string | undefined][] =>
  analyseConversation(i, verifyMatrixSignature).alerts.map((a) => [a.kind, a.userId, a.deviceId]);

// Tampered material: each must lose its cross-signed status.
const otherSsk = keyPair();
const tamperedDevice = (() => {
  const d = device(A, "TAMPERED", aId.ssk).keys;
  return { ...d, keys: { ...d.keys, "curve25519:TAMPERED": keyPair().publicKey } }; // keys changed after signing
})();
const forgedSigDevice = (() => {
  const d = device(A, "FORGED", aId.ssk).keys;
  const sigs = { ...d.signatures![A] };
  sigs[`ed25519:${aId.ssk.publicKey}`] = defined(sigs["ed25519:FORGED"], "the device's self-signature"); // the device's own signature passed off as the SSK's
  return { ...d, signatures: { [A]: sigs } };
})();
const aWithRogueSsk = identity(A, { sskSignedBy: keyPair() });

describe("analyseConversation: alerts", () => {
  it.each<[string, AuditInput, [AlertKind, string, string | undefined][]]>([
    ["a normal conversation", input(), []],
    [
      "a device injected into the agent's account, not cross-signed",
      input({ extraKeys: [{ userId: A, identity: aId, devices: [aDev, device(A, "INJECTED").keys] }] }),
      [["unsigned_device", A, "INJECTED"]],
    ],
    [
      "a device signed by a different self-signing key",
      input({ extraKeys: [{ userId: A, identity: aId, devices: [aDev, device(A, "OTHER", otherSsk).keys] }] }),
      [["unsigned_device", A, "OTHER"]],
    ],
    [
      "device keys changed after they were signed",
      input({ extraKeys: [{ userId: A, identity: aId, devices: [aDev, tamperedDevice] }] }),
      [["unsigned_device", A, "TAMPERED"]],
    ],
    [
      "a cross-signature that is not the self-signing key's",
      input({ extraKeys: [{ userId: A, identity: aId, devices: [aDev, forgedSigDevice] }] }),
      [["unsigned_device", A, "FORGED"]],
    ],
    [
      "a self-signing key not signed by the master key",
      input({ extraKeys: [{ userId: A, identity: aWithRogueSsk, devices: [device(A, "ADEV2", aWithRogueSsk.ssk).keys] }] }),
      [["unsigned_device", A, "ADEV2"]],
    ],
    ["a visitor without cross-signing", input({ extraKeys: [{ userId: V, devices: [device(V, "BARE").keys] }] }), [["unsigned_device", V, "BARE"]]],
    [
      "a stranger force-joined",
      input({ membershipEvents: [...normalEvents(), ev(S, "invite", R), ev(S, "join")] }),
      [
        ["unexpected_member", S, undefined],
        ["not_on_roster", S, undefined],
      ],
    ],
    ["the router with device keys", input({ extraKeys: [{ userId: R, devices: [device(R, "RDEV").keys] }] }), [["router_device", R, "RDEV"]]],
    ["an agent whose master key is not the roster's", input({ roster: [{ userId: A, masterKey: keyPair().publicKey }] }), [["not_on_roster", A, undefined]]],
  ])("%s", (_name, i, expected) => {
    expect(kinds(i)).toEqual(expected);
  });

  it("flags a master key that differs from the one recorded in the previous snapshot, and keeps flagging it", () => {
    const first = analyseConversation(input(), verifyMatrixSignature);
    const reset = identity(A);
    const after = input({ previous: first.snapshot, extraKeys: [{ userId: A, identity: reset, devices: [device(A, "NEW", reset.ssk).keys] }] });
    const second = analyseConversation(after, verifyMatrixSignature);
    expect(second.alerts.map((a) => [a.kind, a.userId])).toEqual([["identity_change", A]]);
    expect(second.alerts[0]?.message).toContain(aId.master.publicKey);
    // The old device, gone from the server, is still listed from the snapshot.
    const devices = second.members.find((m) => m.userId === A)!.devices;
    expect(devices.map((d) => [d.deviceId, d.present, d.status])).toEqual([
      ["ADEV", false, "cross-signed"],
      ["NEW", true, "cross-signed"],
    ]);
    expect(kinds({ ...after, previous: second.snapshot })).toEqual([["identity_change", A, undefined]]);
  });

  it("keeps alerting on an injected device after the attacker deleted it", () => {
    const injected = analyseConversation(
      input({ extraKeys: [{ userId: A, identity: aId, devices: [aDev, device(A, "INJECTED").keys] }] }),
      verifyMatrixSignature,
    );
    const later = analyseConversation(input({ previous: injected.snapshot }), verifyMatrixSignature);
    expect(later.alerts.map((a) => [a.kind, a.deviceId])).toEqual([["unsigned_device", "INJECTED"]]);
    expect(later.alerts[0]?.message).toContain("no longer listed");
  });
});

describe("analyseConversation: supervisors are declared readers", () => {
  const supervised = (supervisors: string[], rosterHere: RosterEntry[] = roster) =>
    analyseConversation(
      input({ membershipEvents: [...normalEvents(), ev(B, "invite", V), ev(B, "join")], supervisors, roster: rosterHere }),
      verifyMatrixSignature,
    );
  const cases: { name: string; supervisors: string[]; rostered: RosterEntry[]; role: string; alerts: AlertKind[] }[] = [
    { name: "a rostered supervisor of the team: supervisor, no alert", supervisors: [B], rostered: roster, role: "supervisor", alerts: [] },
    { name: "a rostered agent who supervises nothing here: agent, no alert", supervisors: [], rostered: roster, role: "agent", alerts: [] },
    {
      name: "a 'supervisor' the roster does not list: unexpected, not on the roster",
      supervisors: [B],
      rostered: [{ userId: A }],
      role: "unknown",
      alerts: ["unexpected_member", "not_on_roster"],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const a = supervised(c.supervisors, c.rostered);
      expect(a.members.find((m) => m.userId === B)?.role).toBe(c.role);
      expect(a.alerts.filter((x) => x.userId === B).map((x) => x.kind)).toEqual(c.alerts);
    });
});

describe("analyseConversation: members, devices and readers", () => {
  it("lists members with verified devices, and who could decrypt in each period (invited members count)", () => {
    const events = [...normalEvents(), ev(B, "invite", A), ev(B, "leave", A)];
    const a = analyseConversation(
      input({ membershipEvents: events, extraKeys: [{ userId: A, identity: aId, devices: [aDev, device(A, "INJECTED").keys] }] }),
      verifyMatrixSignature,
    );
    expect(a.members.map((m) => [m.userId, m.role, m.membership, m.onRoster])).toEqual([
      [V, "visitor", "join", false],
      [R, "router", "join", false],
      [A, "agent", "join", true],
      [B, "agent", "leave", true],
    ]);
    expect(a.members.find((m) => m.userId === A)!.devices.map((d) => [d.deviceId, d.status, d.eligible])).toEqual([
      ["ADEV", "cross-signed", true],
      ["INJECTED", "not cross-signed", false],
    ]);
    expect(a.readers.map((p) => p.readers.map((r) => `${r.userId}:${r.membership}:${r.devices.join("+")}`))).toEqual([
      [`${V}:join:VDEV`],
      [`${R}:invite:`, `${V}:join:VDEV`],
      [`${A}:invite:ADEV`, `${R}:invite:`, `${V}:join:VDEV`],
      [`${A}:invite:ADEV`, `${R}:join:`, `${V}:join:VDEV`],
      [`${A}:join:ADEV`, `${R}:join:`, `${V}:join:VDEV`],
      [`${A}:join:ADEV`, `${B}:invite:`, `${R}:join:`, `${V}:join:VDEV`],
      [`${A}:join:ADEV`, `${R}:join:`, `${V}:join:VDEV`],
    ]);
    expect(a.readers.at(-1)!.to).toBeNull();
    expect(defined(a.readers[0], "a first period").to).toBe(defined(a.readers[1], "a second period").from);
  });

  it.each([
    ["join", undefined, B, "join"],
    ["invite", undefined, A, "invite"],
    ["leave", "join", B, "leave"],
    ["leave", "join", A, "kick"],
    ["leave", "invite", A, "withdraw invite"],
    ["leave", "invite", B, "reject invite"],
    ["ban", "join", A, "ban"],
    ["leave", "ban", A, "unban"],
  ])("names %s after %s by %s as %s", (membership, before, sender, action) => {
    const events = [...(before ? [ev(B, before, before === "invite" || before === "ban" ? A : B)] : []), ev(B, membership, sender)];
    expect(analyseConversation(input({ membershipEvents: events }), verifyMatrixSignature).timeline.at(-1)).toMatchObject({ userId: B, by: sender, action });
  });

  it("leaves profile changes (join after join) out of the timeline", () => {
    expect(analyseConversation(input({ membershipEvents: [ev(V, "join"), ev(V, "join")] }), verifyMatrixSignature).timeline).toHaveLength(1);
  });

  it("snapshot carries pinned master keys and devices", () => {
    const s: AuditSnapshot = analyseConversation(input(), verifyMatrixSignature).snapshot;
    expect(s.members.find((m) => m.userId === A)).toMatchObject({
      masterKey: aId.master.publicKey,
      pinnedMasterKey: aId.master.publicKey,
      pinnedAt: now.toISOString(),
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("analyseConversation with the browser's WebCrypto verifier", () => {
  it.each([
    ["a normal conversation", () => input()],
    [
      "tampered, forged and rogue-signed material",
      () =>
        input({
          membershipEvents: [...normalEvents(), ev(S, "join")],
          extraKeys: [{ userId: A, identity: aWithRogueSsk, devices: [tamperedDevice, forgedSigDevice] }],
        }),
    ],
  ])("gives the same alerts and device statuses as node:crypto: %s", async (_what, make) => {
    const i = make();
    const web = analyseConversation(i, await prepareWebSignatureVerifier(i.keys));
    const node = analyseConversation(i, verifyMatrixSignature);
    expect(web.alerts).toEqual(node.alerts);
    expect(web.members.flatMap((m) => m.devices.map((d) => [d.deviceId, d.status]))).toEqual(
      node.members.flatMap((m) => m.devices.map((d) => [d.deviceId, d.status])),
    );
  });
});
