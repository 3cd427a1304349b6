import { and, desc, eq, exists, lt, or, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import { formatClosedCursor, type ClosedConversation, type ClosedCursor } from "../console-api/closed-routes";
import type { Db } from "./transitions";

const { assignments, closedReads, conversations, sites } = schema;

/** The agent was assigned this conversation at some point (the only closed ones whose history it may hold keys for). */
export const wasAssigned = (db: Db, agentUserId: string) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(assignments)
      .where(and(eq(assignments.roomId, conversations.roomId), eq(assignments.agentUserId, agentUserId))),
  );

/** One page of the Closed view and the cursor of the next, or null. */
export type ClosedPage = { conversations: ClosedConversation[]; next: string | null };

/**
 * One page of the agent's closed conversations, newest close first: the
 * conversations it was ever assigned. Keyset pagination on (close time, room),
 * so a page costs the same however long the history. Metadata only.
 */
export async function listClosedConversations(db: Db, agentUserId: string, page: { cursor?: ClosedCursor; limit: number }): Promise<ClosedPage> {
  const at = page.cursor ? new Date(page.cursor.closedAt) : null;
  const after =
    page.cursor && at ? or(lt(conversations.closedAt, at), and(eq(conversations.closedAt, at), lt(conversations.roomId, page.cursor.roomId))) : undefined;
  const rows = await db
    .select({
      roomId: conversations.roomId,
      siteId: conversations.siteId,
      siteName: sites.name,
      visitorUserId: conversations.visitorUserId,
      createdAt: conversations.createdAt,
      closedAt: conversations.closedAt,
      closedReason: conversations.closedReason,
    })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .where(and(eq(conversations.status, "closed"), sql`${conversations.closedAt} is not null`, wasAssigned(db, agentUserId), after))
    .orderBy(desc(conversations.closedAt), desc(conversations.roomId))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit).map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), closedAt: (r.closedAt ?? r.createdAt).toISOString() }));
  const last = shown.at(-1);
  return { conversations: shown, next: rows.length > page.limit && last ? formatClosedCursor({ closedAt: last.closedAt, roomId: last.roomId }) : null };
}

/** Why an agent may not open a closed conversation, or "ok" (and the opening recorded). */
export type OpenClosedResult = "ok" | "not-found" | "forbidden";

/**
 * The agent opens a closed conversation: allowed only to an agent it was
 * assigned to, and then recorded (who, which, when) in `closed_reads` for the
 * audit. What the agent's account may read is Synapse's decision (up to its leave).
 */
export async function openClosedConversation(db: Db, agentUserId: string, roomId: string, at: Date): Promise<OpenClosedResult> {
  const [c] = await db
    .select({ status: conversations.status, assigned: wasAssigned(db, agentUserId).mapWith(Boolean) })
    .from(conversations)
    .where(eq(conversations.roomId, roomId));
  if (!c || c.status !== "closed") return "not-found";
  if (!c.assigned) return "forbidden";
  await db.insert(closedReads).values({ roomId, agentUserId, at });
  return "ok";
}

/** Every opening of a closed conversation recorded for the audit, oldest first. */
export async function closedReadsOf(db: Db, roomId: string): Promise<{ agentUserId: string; at: Date }[]> {
  return db
    .select({ agentUserId: closedReads.agentUserId, at: closedReads.at })
    .from(closedReads)
    .where(eq(closedReads.roomId, roomId))
    .orderBy(closedReads.at);
}
