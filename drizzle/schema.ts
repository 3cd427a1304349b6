import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// Only metadata lives here. Message content never reaches our database: it is
// end-to-end encrypted between the visitor's widget and the agents' clients.

export const roleEnum = pgEnum("agent_role", ["agent", "operator"]);
export const availabilityEnum = pgEnum("agent_availability", ["available", "away", "offline"]);
/** queued: waiting for an agent; assigned: an agent is invited, not yet accepted; active: accepted; closed. */
export const conversationStatusEnum = pgEnum("conversation_status", ["queued", "assigned", "closed", "active"]);
export const assignmentOutcomeEnum = pgEnum("assignment_outcome", ["declined", "no_show", "transferred", "closed", "claimed_by_other"]);

/** A group of agents; a site's conversations go to its team (or to everyone when it has none). */
export const teams = pgTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A website that embeds the widget. */
export const sites = pgTable("sites", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Exact origins (scheme://host[:port]) allowed to embed the widget. */
  allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
  teamId: text("team_id").references(() => teams.id),
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
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: text("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    agentUserId: text("agent_user_id").notNull().references(() => agents.userId, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentUserId] })],
);

/** An anonymous visitor account provisioned on the homeserver. */
export const visitors = pgTable("visitors", {
  userId: text("user_id").primaryKey(),
  siteId: text("site_id").notNull().references(() => sites.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One support conversation = one encrypted Matrix room. */
export const conversations = pgTable(
  "conversations",
  {
    roomId: text("room_id").primaryKey(),
    siteId: text("site_id").notNull().references(() => sites.id),
    visitorUserId: text("visitor_user_id").notNull(),
    status: conversationStatusEnum("status").notNull().default("queued"),
    agentUserId: text("agent_user_id").references(() => agents.userId),
    /** Team the conversation is routed within (the site's, or the one it was transferred to). */
    teamId: text("team_id").references(() => teams.id),
    /** Agents who declined or did not show up for this conversation: never offered it again. */
    declinedBy: text("declined_by").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    firstAgentReplyAt: timestamp("first_agent_reply_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedReason: text("closed_reason"),
    /** Bumped on every routing change; the router publishes the room state up to it. */
    version: integer("version").notNull().default(1),
    publishedVersion: integer("published_version").notNull().default(0),
  },
  (t) => [index("conversations_status_created_idx").on(t.status, t.createdAt)],
);

/** Every offer of a conversation to an agent. At most one is open per conversation. */
export const assignments = pgTable(
  "assignments",
  {
    id: serial("id").primaryKey(),
    roomId: text("room_id").notNull().references(() => conversations.roomId, { onDelete: "cascade" }),
    agentUserId: text("agent_user_id").notNull().references(() => agents.userId),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    outcome: assignmentOutcomeEnum("outcome"),
  },
  // The database, not router memory, guarantees one open assignment per conversation.
  (t) => [uniqueIndex("assignments_one_open_per_room").on(t.roomId).where(sql`ended_at is null`)],
);

/** A team's canned response: a prepared reply agents insert into the composer (plaintext, written by operators, not a message). */
export const cannedResponses = pgTable("canned_responses", {
  id: serial("id").primaryKey(),
  teamId: text("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
