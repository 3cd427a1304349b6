import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// Only metadata lives here. Message content never reaches our database: it is
// end-to-end encrypted between the visitor's widget and the agents' clients.

export const roleEnum = pgEnum("agent_role", ["agent", "operator"]);
export const availabilityEnum = pgEnum("agent_availability", ["available", "away", "offline"]);
/** queued: waiting for an agent; assigned: an agent is invited, not yet accepted; active: accepted; closed. */
export const conversationStatusEnum = pgEnum("conversation_status", ["queued", "assigned", "closed", "active"]);
export const assignmentOutcomeEnum = pgEnum("assignment_outcome", ["declined", "no_show", "transferred", "closed", "claimed_by_other", "offboarded"]);

/** A group of agents; a site's conversations go to its team (or to everyone when it has none). */
export const teams = pgTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Business hours (lib/hours TeamHours: time zone, weekly ranges, holidays); null: always open. */
  hours: jsonb("hours"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A website that embeds the widget. */
export const sites = pgTable("sites", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Exact origins (scheme://host[:port]) allowed to embed the widget. */
  allowedOrigins: text("allowed_origins")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  teamId: text("team_id").references(() => teams.id),
  /** Accent colour of the bubble and the chat header (#rgb or #rrggbb). */
  colour: text("colour").notNull().default("#0b5cad"),
  /** First line the visitor reads in an empty chat (plain text). */
  greeting: text("greeting").notNull().default(""),
  /** Default language of the chat (BCP 47), unless the page asks for another one. */
  language: text("language").notNull().default("en"),
  /** New visitor accounts per hour for this site; null: the app's default (VISITOR_SITE_LIMIT_PER_HOUR). */
  visitorsPerHour: integer("visitors_per_hour"),
  // --- widget branch (issue 3): pre-chat form per site ---
  /** Ask the visitor's name and email before the first message (the embed's data-prechat also turns it on). */
  prechat: boolean("prechat").notNull().default(false),
  // --- end widget branch ---
  /** Days after a conversation closes before its room, its visitor and our rows of it are erased; 0 keeps them. */
  retentionDays: integer("retention_days").notNull().default(90),
  /** Show the team's status in the widget (online, busy with the usual reply time, closed until …); false hides it. */
  showStatus: boolean("show_status").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A support agent or operator, identified by their Matrix user id. */
export const agents = pgTable("agents", {
  userId: text("user_id").primaryKey(),
  displayName: text("display_name").notNull(),
  role: roleEnum("role").notNull().default("agent"),
  availability: availabilityEnum("availability").notNull().default("offline"),
  maxConcurrent: integer("max_concurrent").notNull().default(5),
  lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
  /** Unencrypted room where an agent who uses a plain Matrix client sets their availability. */
  controlRoomId: text("control_room_id"),
  /**
   * Who added this agent: an operator's user id (console) or "setup:operator" (the CLI). Null for a row
   * nobody added that way (e.g. inserted in the database): the roster review flags it and never signs it silently.
   */
  addedBy: text("added_by"),
  /** A supervisor: reads this team's conversations as a declared stand-by reader (on the signed roster like every agent). Null: none. */
  supervisesTeamId: text("supervises_team_id").references(() => teams.id, { onDelete: "set null" }),
  /** Offboarded (see `offboardings`): never routed to, never signs in, left out of the roster review. The row stays for history. */
  offboardedAt: timestamp("offboarded_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    agentUserId: text("agent_user_id")
      .notNull()
      .references(() => agents.userId, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentUserId] })],
);

/** An anonymous visitor account provisioned on the homeserver. */
export const visitors = pgTable("visitors", {
  userId: text("user_id").primaryKey(),
  siteId: text("site_id")
    .notNull()
    .references(() => sites.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One support conversation = one encrypted Matrix room. */
export const conversations = pgTable(
  "conversations",
  {
    roomId: text("room_id").primaryKey(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    visitorUserId: text("visitor_user_id").notNull(),
    status: conversationStatusEnum("status").notNull().default("queued"),
    agentUserId: text("agent_user_id").references(() => agents.userId),
    /** Team the conversation is routed within (the site's, or the one it was transferred to). */
    teamId: text("team_id").references(() => teams.id),
    /** Agents who declined or did not show up for this conversation: never offered it again. */
    declinedBy: text("declined_by")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    firstAgentReplyAt: timestamp("first_agent_reply_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedReason: text("closed_reason"),
    /**
     * Stand-by readers chosen with the assignment (the next candidates, who hold
     * the keys in case of a no-show); kept so republishing does not reshuffle them.
     */
    standbyUserIds: text("standby_user_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Bumped on every routing change; the router publishes the room state up to it. */
    version: integer("version").notNull().default(1),
    publishedVersion: integer("published_version").notNull().default(0),
    /** When the router left the closed conversation's room (after the reopening grace); null while it is in it. */
    routerLeftAt: timestamp("router_left_at", { withTimezone: true }),
    /** A retention job or an erasure is purging this conversation since then (a lease: another job skips it until it expires). */
    erasingSince: timestamp("erasing_since", { withTimezone: true }),
  },
  (t) => [
    index("conversations_status_created_idx").on(t.status, t.createdAt),
    index("conversations_closed_idx")
      .on(t.closedAt)
      .where(sql`status = 'closed'`),
    // The router's closed rooms it is still in: a few, however long the history.
    index("conversations_closed_not_left_idx")
      .on(t.closedAt)
      .where(sql`status = 'closed' and router_left_at is null`),
    // What every routing pass reads: the open conversations and the ones whose routing state is
    // not yet published. Partial, so a pass reads open work, not history (`npm run bench:router`).
    index("conversations_open_idx")
      .on(t.roomId)
      .where(sql`status <> 'closed'`),
    // On the comparison itself: PostgreSQL has no statistics for a comparison of two columns and would scan the table.
    index("conversations_unpublished_idx")
      .on(sql`(version > published_version)`)
      .where(sql`version > published_version`),
  ],
);

/** Every offer of a conversation to an agent. At most one is open per conversation. */
export const assignments = pgTable(
  "assignments",
  {
    id: serial("id").primaryKey(),
    roomId: text("room_id")
      .notNull()
      .references(() => conversations.roomId, { onDelete: "cascade" }),
    agentUserId: text("agent_user_id")
      .notNull()
      .references(() => agents.userId),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    outcome: assignmentOutcomeEnum("outcome"),
  },
  // The database, not router memory, guarantees one open assignment per conversation.
  (t) => [
    uniqueIndex("assignments_one_open_per_room")
      .on(t.roomId)
      .where(sql`ended_at is null`),
    // The Closed view: the conversations an agent was ever assigned, however long the history.
    index("assignments_agent_room_idx").on(t.agentUserId, t.roomId),
  ],
);

/**
 * A routing decision taken before the visitor's room exists, so that the room is
 * created with its readers already invited (no round trip through the router on
 * the way to the agent). It holds the agent's capacity until the router records
 * the room (and deletes the ticket) or it expires.
 */
export const routingTickets = pgTable(
  "routing_tickets",
  {
    id: text("id").primaryKey(),
    visitorUserId: text("visitor_user_id").notNull(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id),
    teamId: text("team_id").references(() => teams.id),
    /** Null when nobody is available: the conversation starts queued, the team as readers. */
    agentUserId: text("agent_user_id").references(() => agents.userId, { onDelete: "cascade" }),
    standbyUserIds: text("standby_user_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The room the visitor prepared before writing, when the ticket is bound to it (the router then records that room with this decision). */
    roomId: text("room_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  // One pending ticket per visitor: a visitor cannot hoard agents' capacity.
  (t) => [
    uniqueIndex("routing_tickets_one_per_visitor").on(t.visitorUserId),
    index("routing_tickets_agent_idx").on(t.agentUserId),
    index("routing_tickets_room_idx").on(t.roomId),
  ],
);

/**
 * What the audit saw in a conversation: members, their master keys and devices
 * (with the cross-signing status the audit verified) and the alerts. Kept so
 * that the history survives device deletions and identity resets on the server.
 * A row is added when the picture changes; `checked_at` says when it was last confirmed.
 */
export const auditSnapshots = pgTable(
  "audit_snapshots",
  {
    id: serial("id").primaryKey(),
    roomId: text("room_id")
      .notNull()
      .references(() => conversations.roomId, { onDelete: "cascade" }),
    takenAt: timestamp("taken_at", { withTimezone: true }).notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    alertCount: integer("alert_count").notNull(),
    /** lib/audit AuditSnapshot: metadata and public keys only, never message content. */
    snapshot: jsonb("snapshot").notNull(),
  },
  (t) => [index("audit_snapshots_room_taken_idx").on(t.roomId, t.takenAt)],
);

/**
 * Fixed-window counters for rate limits (visitor provisioning per IP and per
 * site). In the database, so that every app replica counts together.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    /** What is counted, such as "visitor-ip:203.0.113.7" or "visitor-site:demo". */
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_hits_window_idx").on(t.windowStart)],
);

/** Proof-of-work challenges already used to create a visitor: each one counts once. */
export const spentChallenges = pgTable(
  "spent_challenges",
  {
    /** SHA-256 of the challenge (hex). */
    id: text("id").primaryKey(),
    /** After this the challenge is refused as expired anyway, and the row can go. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("spent_challenges_expires_idx").on(t.expiresAt)],
);

/** A team's canned response: a prepared reply agents insert into the composer (plaintext, written by operators, not a message). */
export const cannedResponses = pgTable("canned_responses", {
  id: serial("id").primaryKey(),
  teamId: text("team_id")
    .notNull()
    .references(() => teams.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// --- Organisation key and signed roster (issue 6, item 2; branch trust-roster) ---
/**
 * The organisation's PUBLIC signing key and the latest roster it signed (one
 * organisation per install: one row, id "org"). The private key never reaches
 * the server (operators' Matrix secret storage). Nothing here is trusted: the
 * widget verifies the roster against the key in its embed snippet, so a
 * tampered row is refused, not obeyed.
 */
export const orgTrust = pgTable("org_trust", {
  id: text("id").primaryKey(),
  /** ed25519:<unpadded base64>, as in the embed snippet's data-org-key. */
  orgKey: text("org_key").notNull(),
  /** lib/roster SignedRoster, verified against orgKey when it was stored; null until the first one. */
  roster: jsonb("roster"),
  rosterVersion: integer("roster_version").notNull().default(0),
  /** Who registered the key / signed the latest roster (an operator's Matrix user id). */
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** lib/roster KeyEndorsement list, one per rotation (old key signs the new one until an expiry): old snippets follow them. */
  endorsements: jsonb("endorsements").notNull().default([]),
});

/**
 * Organisation key handovers, audited: an operator's browser sent the private key, Olm-encrypted,
 * to another operator's cross-signed devices. The key never comes here: only who, to whom, when, which key.
 */
export const orgKeyHandovers = pgTable("org_key_handovers", {
  id: serial("id").primaryKey(),
  fromUserId: text("from_user_id").notNull(),
  toUserId: text("to_user_id").notNull(),
  /** The organisation key's fingerprint (ed25519:<base64>) handed over. */
  orgKey: text("org_key").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});
// --- end of organisation key and signed roster ---

// --- Internal notes (console branch, issue 5) -------------------------------------------------
/**
 * The agents-only companion room of a conversation, where agents write internal
 * notes. The notes are end-to-end encrypted in that room, which the visitor is
 * never a member of (the visitor's room's Megolm keys are shared with the
 * visitor, so notes never go there). Only the link lives here, never a note.
 */
export const conversationNotes = pgTable("conversation_notes", {
  roomId: text("room_id")
    .primaryKey()
    .references(() => conversations.roomId, { onDelete: "cascade" }),
  notesRoomId: text("notes_room_id").notNull().unique(),
  createdBy: text("created_by")
    .notNull()
    .references(() => agents.userId),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
// --- end internal notes ---------------------------------------------------------------------

// --- Retention and erasure (issue 14, item 2) ---------------------------------------------------
/**
 * Counts kept when conversations are erased (retention or a GDPR request), per
 * day of creation, site, team and agent: what the metrics counted from the rows
 * that are gone. Names no room and no visitor. Empty strings stand for "none".
 */
export const conversationStats = pgTable(
  "conversation_stats",
  {
    day: text("day").notNull(),
    siteId: text("site_id").notNull(),
    teamId: text("team_id").notNull().default(""),
    agentUserId: text("agent_user_id").notNull().default(""),
    conversations: integer("conversations").notNull().default(0),
    assignments: integer("assignments").notNull().default(0),
    waitSecondsSum: integer("wait_seconds_sum").notNull().default(0),
    waits: integer("waits").notNull().default(0),
    firstResponseSecondsSum: integer("first_response_seconds_sum").notNull().default(0),
    firstResponses: integer("first_responses").notNull().default(0),
    /** Satisfaction ratings of the erased conversations, and the sum of their scores (the average survives erasure). */
    ratings: integer("ratings").notNull().default(0),
    ratingScoreSum: integer("rating_score_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.siteId, t.teamId, t.agentUserId] })],
);

/** Who erased which visitor, when (a GDPR request or the visitor's own deletion). Names no room and no message. */
export const erasures = pgTable("erasures", {
  id: serial("id").primaryKey(),
  /** The erased visitor's Matrix user id: the proof that the request was carried out. */
  visitorUserId: text("visitor_user_id").notNull(),
  /** An operator's user id, or "visitor" (their own conversation). */
  erasedBy: text("erased_by").notNull(),
  /** How many conversations were erased. */
  conversations: integer("conversations").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Prepared rooms the router has joined whose creator, a visitor, is still in
 * them (as the router's sync shows). The app issues a routing ticket bound to
 * such a room to its creator without asking Synapse whether the visitor is
 * joined (docs/security.md, "The routing ticket's room check"). The router
 * writes a row when it sees the room, drops it when the visitor leaves, when it
 * leaves the room itself, or when the room becomes a conversation.
 */
export const preparedRooms = pgTable(
  "prepared_rooms",
  {
    roomId: text("room_id").primaryKey(),
    visitorUserId: text("visitor_user_id").notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("prepared_rooms_visitor_idx").on(t.visitorUserId)],
);

/**
 * Prepared rooms the router left because their visitor never started them: the
 * retention job purges each from Synapse after the purge delay, unless it became
 * a conversation (the visitor invited the router back).
 */
export const abandonedRooms = pgTable("abandoned_rooms", {
  roomId: text("room_id").primaryKey(),
  visitorUserId: text("visitor_user_id").notNull(),
  leftAt: timestamp("left_at", { withTimezone: true }).notNull(),
  erasingSince: timestamp("erasing_since", { withTimezone: true }),
});
/**
 * Crypto-shredding: an erased room whose Megolm keys an agent may still hold
 * in the key backup and their console's store. The console lists its own
 * rows, deletes the room's keys, and acknowledges, which drops the row: a
 * room id (metadata the server had) for as long as that takes, nothing else.
 */
export const erasedRoomKeys = pgTable(
  "erased_room_keys",
  {
    roomId: text("room_id").notNull(),
    agentUserId: text("agent_user_id").notNull(),
    erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agentUserId, t.roomId] })],
);
// --- end retention and erasure -----------------------------------------------------------------

// --- Integrations: signed webhooks and scoped API tokens (issue 16, item 5) ---------------------
/**
 * An operator's webhook endpoint. The signing secret must be usable by the
 * delivery worker, so it cannot be hashed: it is stored encrypted
 * (AES-256-GCM under a key derived from INTEGRATIONS_KEY, which lives in the
 * environment, never in this database; lib/integrations/secret-box.ts).
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: serial("id").primaryKey(),
  url: text("url").notNull(),
  /** Event types sent to it (lib/integrations/webhook-events.ts). */
  events: text("events").array().notNull(),
  /** The signing secret, encrypted ("v1.<iv>.<ciphertext>.<tag>"). */
  secretBox: text("secret_box").notNull(),
  description: text("description").notNull().default(""),
  enabled: boolean("enabled").notNull().default(true),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The delivery queue and outbox: one row per (event, endpoint), written in the
 * same transaction as the conversation's state change, so an event exists
 * exactly when the change was committed. Metadata only, never message content.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** lib/integrations/webhook-payload.ts WebhookPayload. */
    payload: jsonb("payload").notNull(),
    /** pending (queued or retrying), delivered, failed (gave up). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When it is due next; a worker that claims it moves this forward by a lease. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
  ],
);

/** Each attempt of a delivery (the console's delivery log). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    endpointId: integer("endpoint_id").notNull(),
    attempt: integer("attempt").notNull(),
    /** The receiver's HTTP status; null when no answer came (network error, timeout). */
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** When the next attempt is due; null when delivered or given up. */
    nextRetryAt: timestamp("next_retry_at", { withTimezone: true }),
  },
  (t) => [index("webhook_attempts_endpoint_idx").on(t.endpointId, t.id)],
);

/**
 * A scoped API token. Only its SHA-256 is stored: the token is 32 random
 * bytes, so a fast hash is enough (nothing to brute-force) and allows a
 * lookup by hash on every request.
 */
export const apiTokens = pgTable("api_tokens", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  scopes: text("scopes").array().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
// --- end integrations ------------------------------------------------------------------------------
// --- reply emails (issue 15, item 2) -------------------------------------------------------------
/**
 * A visitor's email address, given with their consent to be told (by a content-free email) that an
 * agent replied. Disclosed metadata: deleted by the visitor's "stop emails", the unsubscribe link,
 * or with the visitor (erasure, retention).
 */
export const visitorContacts = pgTable("visitor_contacts", {
  visitorUserId: text("visitor_user_id").primaryKey(),
  siteId: text("site_id")
    .notNull()
    .references(() => sites.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  /** The page the chat was on (one of the site's origins): the email links back to it. */
  pageUrl: text("page_url").notNull(),
  consentedAt: timestamp("consented_at", { withTimezone: true }).notNull().defaultNow(),
  /** The widget's last "I am open" ping; null when it said it closed (or never pinged). */
  lastOpenAt: timestamp("last_open_at", { withTimezone: true }),
});

/** When a conversation's last reply email went out: the per-window claim two routers race for (one row per room). */
export const replyEmails = pgTable("reply_emails", {
  roomId: text("room_id")
    .primaryKey()
    .references(() => conversations.roomId, { onDelete: "cascade" }),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
});
// --- end reply emails ----------------------------------------------------------------------------
// --- satisfaction ratings (issue 15, item 6) ---------------------------------------------------
/**
 * A visitor's satisfaction score for a closed conversation (1-5): disclosed
 * metadata, as the widget tells the visitor. One per conversation (the primary
 * key). The comment is never here: it goes end-to-end encrypted into the room.
 * Goes with the conversation (cascade) on retention and erasure, leaving only
 * counts in `conversation_stats`.
 */
export const conversationRatings = pgTable("conversation_ratings", {
  roomId: text("room_id")
    .primaryKey()
    .references(() => conversations.roomId, { onDelete: "cascade" }),
  score: integer("score").notNull(),
  ratedAt: timestamp("rated_at", { withTimezone: true }).notNull().defaultNow(),
});
// --- end satisfaction ratings ----------------------------------------------------------------------
// --- closed conversations read on demand (issue 14, item 1, console) -------------------------------
/**
 * Each time an agent's console opened a closed conversation it had left (the
 * Closed view reads its history as a departed member): who, which, when. Kept
 * for the audit; goes with the conversation (retention, erasure) by cascade.
 */
export const closedReads = pgTable(
  "closed_reads",
  {
    id: serial("id").primaryKey(),
    roomId: text("room_id")
      .notNull()
      .references(() => conversations.roomId, { onDelete: "cascade" }),
    agentUserId: text("agent_user_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("closed_reads_room_idx").on(t.roomId, t.at)],
);

// --- The whole life of an agent (issue 16, item 2) -------------------------------------------
/**
 * One offboarding, and the steps it has done (a second request finishes what is
 * left). Also the audit entry: who, by whom, when, how many conversations were re-routed.
 */
export const offboardings = pgTable("offboardings", {
  userId: text("user_id")
    .primaryKey()
    .references(() => agents.userId),
  by: text("by").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  /** The roster version that no longer lists them (null: no organisation key, nothing to sign). */
  rosterVersion: integer("roster_version"),
  /** Conversations taken from them and queued again (routing policy), counted once. */
  rerouted: integer("rerouted").notNull().default(0),
  reroutedAt: timestamp("rerouted_at", { withTimezone: true }),
  /** Open conversation rooms they were still joined to when the router's kicks were checked (0: all removed). */
  roomsLeft: integer("rooms_left"),
  kicksCheckedAt: timestamp("kicks_checked_at", { withTimezone: true }),
  /** Synapse deactivated the account (devices and tokens gone; erase: false). */
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** Role changes, audited: who changed whose role from what to what, when. */
export const roleChanges = pgTable("role_changes", {
  id: serial("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => agents.userId),
  by: text("by").notNull(),
  /** "agent", "operator" or "supervisor:<team id>". */
  fromRole: text("from_role").notNull(),
  toRole: text("to_role").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});
// --- end of the whole life of an agent ---

// --- known customers (issue 15, item 3) ----------------------------------------------------------
/**
 * How a site's backend vouches for its logged-in users: an HS256 shared secret
 * (encrypted under INTEGRATIONS_KEY: the app must verify with it) and/or a
 * registered public key (ES256 or EdDSA) as a public JWK. One row per site.
 */
export const siteIdentity = pgTable("site_identity", {
  siteId: text("site_id")
    .primaryKey()
    .references(() => sites.id, { onDelete: "cascade" }),
  /** The HS256 secret, sealed ("v1.<iv>.<ciphertext>.<tag>"); null: no shared secret. */
  secretBox: text("secret_box"),
  /** "ES256" or "EdDSA"; null: no public key. */
  publicKeyAlg: text("public_key_alg"),
  /** The public key as a JWK (public parts only). */
  publicKeyJwk: jsonb("public_key_jwk"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A verified customer: the host site's user id, as a keyed hash (lib/customers/customer-id.ts;
 * never the id itself), mapped to one stable visitor account. The primary key makes concurrent
 * first uses agree on one account; erasing the visitor erases the mapping.
 */
export const customers = pgTable(
  "customers",
  {
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    subHash: text("sub_hash").notNull(),
    visitorUserId: text("visitor_user_id")
      .notNull()
      .references(() => visitors.userId, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.subHash] }), uniqueIndex("customers_visitor_idx").on(t.visitorUserId)],
);

/** Customer tokens already used (single use, by `jti`), kept until they would have expired anyway. */
export const spentCustomerTokens = pgTable(
  "spent_customer_tokens",
  {
    /** SHA-256 of site id and jti (hex). */
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("spent_customer_tokens_expires_idx").on(t.expiresAt)],
);
// --- end known customers -------------------------------------------------------------------------
// --- web push (issue 16, item 6) ------------------------------------------------------------------
/**
 * An agent's device that asked to be notified (Notifications "even when closed"): the
 * browser's push subscription (endpoint and RFC 8291 keys). One row per device
 * (the endpoint is unique); deleted on "turn off", sign-out, offboarding, and
 * when the push service answers 404/410. Pushes carry ids only (lib/push/push-payload.ts).
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: serial("id").primaryKey(),
    agentUserId: text("agent_user_id")
      .notNull()
      .references(() => agents.userId, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("push_subscriptions_agent_idx").on(t.agentUserId)],
);

/** The last push per (conversation, agent): the per-conversation rate limit, claimed by one router at a time. */
export const pushNotices = pgTable(
  "push_notices",
  {
    roomId: text("room_id")
      .notNull()
      .references(() => conversations.roomId, { onDelete: "cascade" }),
    agentUserId: text("agent_user_id").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.agentUserId] })],
);

/** When an agent's console last said it was open (a ping every 30 s; cleared when the tab closes): pushes wait while it is. */
export const consolePresence = pgTable("console_presence", {
  agentUserId: text("agent_user_id")
    .primaryKey()
    .references(() => agents.userId, { onDelete: "cascade" }),
  seenAt: timestamp("seen_at", { withTimezone: true }),
});
// --- end web push ---------------------------------------------------------------------------------
