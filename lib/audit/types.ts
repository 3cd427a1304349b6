// Input and output of the audit analysis. Shapes of keys follow the Matrix
// client-server API (`POST /_matrix/client/v3/keys/query`).

/** A signed JSON object as Matrix publishes it: `signatures[userId][keyId] = base64 signature`. */
export type Signed = {
  signatures?: Record<string, Record<string, string>>;
  unsigned?: unknown;
  [key: string]: unknown;
};

/** A cross-signing key (master or self-signing) as /keys/query returns it. */
export type CrossSigningKey = Signed & { user_id: string; usage: string[]; keys: Record<string, string> };

/** A device's keys as /keys/query returns them. */
export type DeviceKeys = Signed & { user_id: string; device_id: string; algorithms?: string[]; keys: Record<string, string> };

/** The parts of a /keys/query response the audit reads. */
export type KeysQueryResult = {
  device_keys?: Record<string, Record<string, DeviceKeys>>;
  master_keys?: Record<string, CrossSigningKey>;
  self_signing_keys?: Record<string, CrossSigningKey>;
};

/** One m.room.member event, metadata only. */
export type MembershipEvent = {
  eventId: string;
  /** The member (the event's state_key). */
  userId: string;
  /** Who sent it: the member themself, or whoever invited, kicked or banned them. */
  sender: string;
  membership: string;
  originServerTs: number;
};

/** Someone the organisation vouches for. Today: an agent in our database; later: the signed roster. */
export type RosterEntry = {
  userId: string;
  /** Pinned master key (base64), when the roster carries one. */ masterKey?: string;
  /** The team the signed roster says they supervise (signed rosters only). */ supervises?: string;
};

/** Cross-signing status of one device, verified by the audit itself. */
export type DeviceStatus = "cross-signed" | "not cross-signed" | "invalid";

/** One device of a member. */
export type DeviceAudit = {
  userId: string;
  deviceId: string;
  /** The device's Ed25519 key (base64), or null when it published none. */
  ed25519: string | null;
  status: DeviceStatus;
  /** Why the device is not cross-signed (empty when it is). */
  problem: string;
  /** Whether senders in OnlySignedDevicesIsolationMode share room keys with it. */
  eligible: boolean;
  /** False when the server no longer lists it (known from an earlier snapshot only). */
  present: boolean;
  firstSeen: string;
  lastSeen: string;
};

/** `supervisor`: a rostered agent who supervises the conversation's team, a declared reader (not an unexpected member). */
export type MemberRole = "visitor" | "router" | "agent" | "supervisor" | "unknown";

/** How each member role is named to an operator (page, export). */
export const memberRoleLabels: Record<MemberRole, string> = {
  visitor: "visitor",
  router: "router",
  agent: "agent",
  supervisor: "supervisor (declared reader)",
  unknown: "unknown",
};

/** One person (account) who has ever been invited to or joined the room. */
export type MemberAudit = {
  userId: string;
  role: MemberRole;
  /** Membership now: join, invite, leave, ban… */
  membership: string;
  onRoster: boolean;
  /** Master key (base64) the server publishes now, or null. */
  masterKey: string | null;
  /** Master key first recorded for this member in this room (identity pinning). */
  pinnedMasterKey: string | null;
  pinnedAt: string | null;
  /** Why the member's cross-signing identity is unusable (empty when it is valid). */
  identityProblem: string;
  devices: DeviceAudit[];
};

/** One change of membership, who made it and when. */
export type TimelineEntry = {
  at: string;
  eventId: string;
  userId: string;
  by: string;
  membership: string;
  /** join, invite, leave, kick, ban, unban, reject invite, withdraw invite, knock… */
  action: string;
};

/** Who could decrypt what was sent between `from` and `to` (null: until now). */
export type ReaderPeriod = {
  from: string;
  to: string | null;
  readers: { userId: string; membership: string; devices: string[] }[];
};

export const alertKinds = ["unexpected_member", "not_on_roster", "unsigned_device", "identity_change", "router_device"] as const;
export type AlertKind = (typeof alertKinds)[number];

/** A deviation the operator must look at. */
export type Alert = { kind: AlertKind; userId: string; deviceId?: string; message: string };

/** What the audit keeps in the database after each run, so history survives device deletions. */
export type AuditSnapshot = {
  takenAt: string;
  members: { userId: string; masterKey: string | null; pinnedMasterKey: string | null; pinnedAt: string | null; devices: DeviceAudit[] }[];
  alerts: Alert[];
};

/** Everything the analysis needs; no message content. */
export type AuditInput = {
  roomId: string;
  visitorUserId: string;
  routerUserId: string;
  /** The room's m.room.member events in room order. */
  membershipEvents: MembershipEvent[];
  /** /keys/query for every user who was ever a member, and the router. */
  keys: KeysQueryResult;
  roster: RosterEntry[];
  /** The supervisors of the conversation's team now: declared readers, shown as such when also on the roster. */
  supervisors?: readonly string[];
  previous: AuditSnapshot | null;
  now: Date;
};

/** The analysis of one conversation. */
export type ConversationAudit = {
  roomId: string;
  analysedAt: string;
  timeline: TimelineEntry[];
  members: MemberAudit[];
  readers: ReaderPeriod[];
  alerts: Alert[];
  /** To store; the next run reads it as `previous`. */
  snapshot: AuditSnapshot;
};

/**
 * Checks one Ed25519 signature of a signed object (see `verifyMatrixSignature`):
 * `node:crypto` on the server, a table of signatures verified beforehand with
 * WebCrypto in the browser (`prepareWebSignatureVerifier`). Never throws.
 */
export type SignatureVerifier = (signed: Signed, signerUserId: string, keyName: string, publicKey: string) => boolean;
