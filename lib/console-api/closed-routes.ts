import { z } from "zod";
import { roomIdSchema } from "../conversation/event-types";
import { apiContract } from "./api-contract";
import { actionDoneSchema } from "./agent-routes";

/** How many closed conversations one page of the Closed view holds at most. */
export const CLOSED_PAGE_MAX = 100;

/** Where a page of the Closed view starts: after this close time and room (newest first), from the previous page's `next`. */
export type ClosedCursor = { closedAt: string; roomId: string };

/** The opaque `cursor` query value of a position in the Closed view. */
export function formatClosedCursor(c: ClosedCursor): string {
  return `${c.closedAt}|${c.roomId}`;
}

/** Reads a `cursor` query value back; a malformed one fails the query's validation (400). */
export const closedCursorSchema = z.string().transform((value, ctx): ClosedCursor => {
  const bar = value.indexOf("|");
  const closedAt = value.slice(0, bar);
  const roomId = value.slice(bar + 1);
  if (bar < 0 || Number.isNaN(Date.parse(closedAt)) || !roomIdSchema.safeParse(roomId).success) {
    ctx.addIssue({ code: "custom", message: "cursor must be the `next` of a previous page" });
    return z.NEVER;
  }
  return { closedAt: new Date(closedAt).toISOString(), roomId };
});

/** One closed conversation of the signed-in agent: metadata from our database, never content. */
export const closedConversationSchema = z.object({
  roomId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  visitorUserId: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  /** ISO 8601. */
  closedAt: z.string(),
  /** "agent", "visitor", "inactivity", … as the close recorded it, or null. */
  closedReason: z.string().nullable(),
});

/** One row of the Closed view. */
export type ClosedConversation = z.infer<typeof closedConversationSchema>;

/**
 * `GET /api/agent/closed?cursor=&limit=`: the closed conversations the agent
 * was ever assigned (the ones whose history it may hold keys for), newest close
 * first, one page at a time; `next` is the cursor of the following page, or null.
 */
export const closedConversationsRoute = apiContract({
  method: "GET",
  path: "/api/agent/closed",
  query: z.object({
    cursor: closedCursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(CLOSED_PAGE_MAX).default(50),
  }),
  response: z.object({ conversations: z.array(closedConversationSchema), next: z.string().nullable() }),
});

/**
 * `POST /api/agent/closed/open`: the agent opens a closed conversation it has
 * left. Only an agent it was assigned to (403 otherwise, 404 when there is no
 * such closed conversation); each opening is recorded for the audit. The
 * history itself comes from Synapse, which lets a member who left read up to
 * their leave, and from the agent's own keys (this browser's store or the key backup).
 */
export const openClosedRoute = apiContract({
  method: "POST",
  path: "/api/agent/closed/open",
  body: z.object({ roomId: roomIdSchema }).strict(),
  response: actionDoneSchema,
});
