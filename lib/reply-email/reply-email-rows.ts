import { and, eq, lt } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";

const { agents, conversations, replyEmails, sites, visitorContacts } = schema;

/** What the router needs about a conversation to decide on a reply email (metadata only). */
export type ReplyFacts = {
  visitorUserId: string;
  siteName: string;
  senderIsAgent: boolean;
  contact: { email: string; pageUrl: string; lastOpenAt: Date | null } | null;
};

/** The conversation's visitor, site name and consented contact, and whether `sender` is an agent; null for a room that is no conversation. */
export async function replyFacts(db: Db, roomId: string, sender: string): Promise<ReplyFacts | null> {
  const [c] = await db
    .select({
      visitorUserId: conversations.visitorUserId,
      siteName: sites.name,
      email: visitorContacts.email,
      pageUrl: visitorContacts.pageUrl,
      lastOpenAt: visitorContacts.lastOpenAt,
    })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .leftJoin(visitorContacts, eq(visitorContacts.visitorUserId, conversations.visitorUserId))
    .where(eq(conversations.roomId, roomId));
  if (!c) return null;
  const [agent] = await db.select({ userId: agents.userId }).from(agents).where(eq(agents.userId, sender));
  const contact = c.email !== null && c.pageUrl !== null ? { email: c.email, pageUrl: c.pageUrl, lastOpenAt: c.lastOpenAt } : null;
  return { visitorUserId: c.visitorUserId, siteName: c.siteName, senderIsAgent: Boolean(agent), contact };
}

/**
 * Claims this conversation's email window: true for exactly one caller per
 * window, whatever number of routers race (one row per room, updated only when
 * the last email is older than the window).
 */
export async function claimReplyEmail(db: Db, roomId: string, now: Date, windowMs: number): Promise<boolean> {
  const rows = await db
    .insert(replyEmails)
    .values({ roomId, sentAt: now })
    .onConflictDoUpdate({ target: replyEmails.roomId, set: { sentAt: now }, setWhere: lt(replyEmails.sentAt, new Date(now.getTime() - windowMs)) })
    .returning({ roomId: replyEmails.roomId });
  return rows.length > 0;
}

/** Gives a claim back after the SMTP server refused the email, so the next reply tries again. */
export async function releaseReplyEmail(db: Db, roomId: string, claimedAt: Date): Promise<void> {
  await db.delete(replyEmails).where(and(eq(replyEmails.roomId, roomId), eq(replyEmails.sentAt, claimedAt)));
}
