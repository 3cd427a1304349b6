import { membershipTimeline } from "./membership-timeline";
import type { Alert, AuditInput, SignatureVerifier, ConversationAudit, DeviceAudit, MemberAudit, MemberRole, ReaderPeriod, TimelineEntry } from "./types";
import { verifyDevice, verifyIdentity } from "./verify-cross-signing";

// history_visibility is "shared": an invited member can read everything once keys reach them.
const canRead = (membership: string | undefined): boolean => membership === "join" || membership === "invite";

function roleOf(userId: string, input: AuditInput): MemberRole {
  if (userId === input.visitorUserId) return "visitor";
  if (userId === input.routerUserId) return "router";
  if (!input.roster.some((r) => r.userId === userId)) return "unknown";
  // Declared by the router's routing state, and only ever a reader because the roster lists them.
  return input.supervisors?.includes(userId) ? "supervisor" : "agent";
}

/** Current devices verified here, merged with those an earlier snapshot knew and the server no longer lists. */
function devicesOf(userId: string, input: AuditInput, identity: ReturnType<typeof verifyIdentity>, verify: SignatureVerifier): DeviceAudit[] {
  const now = input.now.toISOString();
  const before = new Map((input.previous?.members.find((m) => m.userId === userId)?.devices ?? []).map((d) => [d.deviceId, d]));
  const current = Object.entries(input.keys.device_keys?.[userId] ?? {}).map(([deviceId, keys]): DeviceAudit => {
    const v = verifyDevice(userId, deviceId, keys, identity, verify);
    return { userId, deviceId, ...v, eligible: v.status === "cross-signed", present: true, firstSeen: before.get(deviceId)?.firstSeen ?? now, lastSeen: now };
  });
  const gone = [...before.values()].filter((d) => !current.some((c) => c.deviceId === d.deviceId)).map((d) => ({ ...d, present: false }));
  return [...current, ...gone].sort((a, b) => a.deviceId.localeCompare(b.deviceId));
}

function memberAudit(userId: string, membership: string, input: AuditInput, verify: SignatureVerifier): MemberAudit {
  const identity = verifyIdentity(userId, input.keys, verify);
  const prev = input.previous?.members.find((m) => m.userId === userId);
  const pinnedMasterKey = prev?.pinnedMasterKey ?? identity.masterKey;
  const rostered = input.roster.find((r) => r.userId === userId);
  return {
    userId,
    role: roleOf(userId, input),
    membership,
    onRoster: !!rostered && (!rostered.masterKey || rostered.masterKey === identity.masterKey),
    masterKey: identity.masterKey,
    pinnedMasterKey,
    pinnedAt: prev?.pinnedMasterKey ? prev.pinnedAt : pinnedMasterKey ? input.now.toISOString() : null,
    identityProblem: identity.problem,
    devices: devicesOf(userId, input, identity, verify),
  };
}

function alertsFor(m: MemberAudit, timeline: TimelineEntry[]): Alert[] {
  const alerts: Alert[] = [];
  const arrival = timeline.find((t) => t.userId === m.userId && canRead(t.membership));
  const how = arrival ? ` (${arrival.action} by ${arrival.by} at ${arrival.at})` : "";
  if (m.role === "router") {
    for (const d of m.devices)
      alerts.push({
        kind: "router_device",
        userId: m.userId,
        deviceId: d.deviceId,
        message: `The router account has device keys (${d.deviceId}); it must hold none`,
      });
    return alerts;
  }
  if (m.role === "unknown")
    alerts.push({ kind: "unexpected_member", userId: m.userId, message: `${m.userId} is neither this conversation's visitor, the router nor an agent${how}` });
  if (m.role !== "visitor" && !m.onRoster) {
    const why = m.role === "agent" || m.role === "supervisor" ? "its master key is not the one on the roster" : "not on the roster";
    alerts.push({ kind: "not_on_roster", userId: m.userId, message: `${m.userId}: ${why}` });
  }
  for (const d of m.devices.filter((x) => x.status !== "cross-signed")) {
    const where = d.present ? "" : ` (no longer listed; last seen ${d.lastSeen})`;
    alerts.push({
      kind: "unsigned_device",
      userId: m.userId,
      deviceId: d.deviceId,
      message: `Device ${d.deviceId} of ${m.userId} is ${d.status}: ${d.problem}; it gets no room keys${where}`,
    });
  }
  if (m.pinnedMasterKey && m.masterKey !== m.pinnedMasterKey) {
    alerts.push({
      kind: "identity_change",
      userId: m.userId,
      message: `${m.userId}'s master key changed from ${m.pinnedMasterKey} (recorded ${m.pinnedAt}) to ${m.masterKey ?? "none"}`,
    });
  }
  return alerts;
}

/** Periods between membership changes, with who (and which eligible devices) could decrypt in each. */
function readerPeriods(input: AuditInput, members: MemberAudit[]): ReaderPeriod[] {
  const eligible = new Map(members.map((m) => [m.userId, m.devices.filter((d) => d.eligible).map((d) => d.deviceId)]));
  const state = new Map<string, string>();
  const periods: ReaderPeriod[] = [];
  let key = "";
  for (const e of input.membershipEvents) {
    state.set(e.userId, e.membership);
    const readers = [...state].filter(([, ms]) => canRead(ms)).sort(([a], [b]) => a.localeCompare(b));
    const next = JSON.stringify(readers);
    if (next === key) continue;
    key = next;
    const from = new Date(e.originServerTs).toISOString();
    const last = periods.at(-1);
    if (last) last.to = from;
    periods.push({ from, to: null, readers: readers.map(([userId, membership]) => ({ userId, membership, devices: eligible.get(userId) ?? [] })) });
  }
  return periods;
}

/**
 * The audit of one conversation, from metadata only: membership changes and
 * who made them, each member's devices with cross-signing verified here
 * (Ed25519 over canonical JSON, master → self-signing → device), who could
 * decrypt in each period under OnlySignedDevicesIsolationMode, and alerts.
 * Pure: the same input gives the same output. `verify` checks signatures
 * (`verifyMatrixSignature` on the server; in the browser, WebCrypto results
 * prepared beforehand: `prepareWebSignatureVerifier`).
 */
export function analyseConversation(input: AuditInput, verify: SignatureVerifier): ConversationAudit {
  const timeline = membershipTimeline(input.membershipEvents);
  const membership = new Map<string, string>();
  for (const e of input.membershipEvents) membership.set(e.userId, e.membership);
  const members = [...membership].map(([userId, ms]) => memberAudit(userId, ms, input, verify));
  const alerts = members.flatMap((m) => alertsFor(m, timeline));
  const routerHasDevices = Object.keys(input.keys.device_keys?.[input.routerUserId] ?? {});
  if (!membership.has(input.routerUserId)) {
    for (const deviceId of routerHasDevices)
      alerts.push({
        kind: "router_device",
        userId: input.routerUserId,
        deviceId,
        message: `The router account has device keys (${deviceId}); it must hold none`,
      });
  }
  const analysedAt = input.now.toISOString();
  return {
    roomId: input.roomId,
    analysedAt,
    timeline,
    members,
    readers: readerPeriods(input, members),
    alerts,
    snapshot: {
      takenAt: analysedAt,
      members: members.map((m) => ({ userId: m.userId, masterKey: m.masterKey, pinnedMasterKey: m.pinnedMasterKey, pinnedAt: m.pinnedAt, devices: m.devices })),
      alerts,
    },
  };
}
