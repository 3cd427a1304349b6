import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Only metadata lives here. Message content never reaches our database: it is
// end-to-end encrypted between the visitor's widget and the agents' clients.

export const roleEnum = pgEnum("agent_role", ["agent", "operator"]);
export const availabilityEnum = pgEnum("agent_availability", ["available", "away", "offline"]);
export const conversationStatusEnum = pgEnum("conversation_status", ["queued", "assigned", "closed"]);

/** A website that embeds the widget. */
export const sites = pgTable("sites", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Exact origins (scheme://host[:port]) allowed to embed the widget. */
  allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
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
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("conversations_status_created_idx").on(t.status, t.createdAt)],
);
