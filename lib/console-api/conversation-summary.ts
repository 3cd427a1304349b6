import { z } from "zod";

/** Conversation statuses as the app's database keeps them. */
export const conversationStatusSchema = z.enum(["queued", "assigned", "active", "closed"]);

/** One row of the Queue and All views: metadata from our database only, never content. */
export const conversationSummarySchema = z.object({
  roomId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  visitorUserId: z.string(),
  status: conversationStatusSchema,
  agentUserId: z.string().nullable(),
  agentName: z.string().nullable(),
  /** ISO 8601. */
  createdAt: z.string(),
  /** Seconds since the conversation started, until an agent accepted it (or until now). */
  waitSeconds: z.number(),
});

/** One row of the Queue and All views. */
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** The answer of `GET /api/agent/queue` and `GET /api/operator/conversations`. */
export const conversationSummariesSchema = z.object({ conversations: z.array(conversationSummarySchema) });
