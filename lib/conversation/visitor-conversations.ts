import { and, desc, eq, ne } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { VisitorConversation } from "../console-api/customer-routes";
import { wasAssigned } from "./closed-conversations";
import type { Db } from "./transitions";

const { conversations } = schema;

/** At most this many earlier conversations are listed (newest first). */
export const VISITOR_CONVERSATIONS_MAX = 50;

/**
 * The visitor's other conversations that this agent may read: the Closed
 * view's rule (it was assigned to the conversation at some point), newest
 * first, metadata only. The current conversation (`except`) is left out.
 */
export async function listVisitorConversations(db: Db, agentUserId: string, visitorUserId: string, except?: string): Promise<VisitorConversation[]> {
  const rows = await db
    .select({ roomId: conversations.roomId, status: conversations.status, createdAt: conversations.createdAt, closedAt: conversations.closedAt })
    .from(conversations)
    .where(and(eq(conversations.visitorUserId, visitorUserId), wasAssigned(db, agentUserId), except ? ne(conversations.roomId, except) : undefined))
    .orderBy(desc(conversations.createdAt), desc(conversations.roomId))
    .limit(VISITOR_CONVERSATIONS_MAX);
  return rows.map((r) => ({ roomId: r.roomId, status: r.status, createdAt: r.createdAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null }));
}
