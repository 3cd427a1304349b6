import { and, asc, count, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";
import { conversationStats } from "./conversation-stats";
import { recordKeyHolders } from "./key-shredding";

const {
  abandonedRooms,
  assignments,
  conversationNotes,
  conversationRatings,
  conversationStats: statsTable,
  conversations,
  routingTickets,
  sites,
  visitors,
} = schema;

/** A conversation or abandoned room to erase. */
export type ErasureTarget = { roomId: string; visitorUserId: string };

/** How long a claim holds (ms): a job that died mid-erasure is taken over after it. */
export const ERASURE_LEASE_MS = 10 * 60_000;

/**
 * Claims closed conversations past their site's retention (a site with 0
 * keeps them), oldest close first. Row locks with SKIP LOCKED and a lease, so
 * two routers never erase the same conversation at once.
 */
export async function claimExpired(db: Db, now: Date, unitSeconds: number, limit: number): Promise<ErasureTarget[]> {
  const leaseCutoff = new Date(now.getTime() - ERASURE_LEASE_MS);
  const due = db
    .select({ roomId: conversations.roomId })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .where(
      and(
        eq(conversations.status, "closed"),
        gt(sites.retentionDays, 0),
        sql`${conversations.closedAt} < ${now.toISOString()}::timestamptz - make_interval(secs => ${sites.retentionDays} * ${unitSeconds})`,
        or(isNull(conversations.erasingSince), lt(conversations.erasingSince, leaseCutoff)),
      ),
    )
    .orderBy(asc(conversations.closedAt))
    .limit(limit)
    .for("update", { of: conversations, skipLocked: true });
  return db
    .update(conversations)
    .set({ erasingSince: now })
    .where(inArray(conversations.roomId, due))
    .returning({ roomId: conversations.roomId, visitorUserId: conversations.visitorUserId });
}

/** Claims prepared rooms the router left unstarted at least `delayMs` ago (same locks and lease). */
export async function claimAbandoned(db: Db, now: Date, delayMs: number, limit: number): Promise<ErasureTarget[]> {
  const due = db
    .select({ roomId: abandonedRooms.roomId })
    .from(abandonedRooms)
    .where(
      and(
        lt(abandonedRooms.leftAt, new Date(now.getTime() - delayMs)),
        or(isNull(abandonedRooms.erasingSince), lt(abandonedRooms.erasingSince, new Date(now.getTime() - ERASURE_LEASE_MS))),
      ),
    )
    .orderBy(asc(abandonedRooms.leftAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(abandonedRooms)
    .set({ erasingSince: now })
    .where(inArray(abandonedRooms.roomId, due))
    .returning({ roomId: abandonedRooms.roomId, visitorUserId: abandonedRooms.visitorUserId });
}

/** The agents-only notes room linked to a conversation, which goes with it. */
export async function notesRoomOf(db: Db, roomId: string): Promise<string | null> {
  const [row] = await db.select({ id: conversationNotes.notesRoomId }).from(conversationNotes).where(eq(conversationNotes.roomId, roomId));
  return row?.id ?? null;
}

/**
 * Drops every row that names the room: the conversation (its assignments,
 * audit snapshots, rating and notes link go with it, by cascade), its tickets and its
 * abandoned-room row, after adding its counts to `conversation_stats` (once:
 * under the conversation's row lock, and only while the row exists) and
 * recording which agents' consoles must delete its keys.
 */
export async function dropRoomRows(db: Db, roomId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [c] = await tx.select().from(conversations).where(eq(conversations.roomId, roomId)).for("update");
    if (c) {
      const [a] = await tx.select({ n: count() }).from(assignments).where(eq(assignments.roomId, roomId));
      const [rated] = await tx.select({ score: conversationRatings.score }).from(conversationRatings).where(eq(conversationRatings.roomId, roomId));
      const row = conversationStats({ ...c, assignments: a?.n ?? 0, rating: rated?.score ?? null });
      const add = (col: keyof typeof row & keyof typeof statsTable) => sql`${statsTable[col]} + ${row[col]}`;
      await tx
        .insert(statsTable)
        .values(row)
        .onConflictDoUpdate({
          target: [statsTable.day, statsTable.siteId, statsTable.teamId, statsTable.agentUserId],
          set: {
            conversations: add("conversations"),
            assignments: add("assignments"),
            waitSecondsSum: add("waitSecondsSum"),
            waits: add("waits"),
            firstResponseSecondsSum: add("firstResponseSecondsSum"),
            firstResponses: add("firstResponses"),
            ratings: add("ratings"),
            ratingScoreSum: add("ratingScoreSum"),
          },
        });
      await recordKeyHolders(tx, c);
      await tx.delete(conversations).where(eq(conversations.roomId, roomId));
    }
    await tx.delete(routingTickets).where(eq(routingTickets.roomId, roomId));
    await tx.delete(abandonedRooms).where(eq(abandonedRooms.roomId, roomId));
    await tx.delete(schema.preparedRooms).where(eq(schema.preparedRooms.roomId, roomId));
    // Webhook deliveries name the conversation and its visitor (metadata): they go too, sent or not (attempts cascade).
    await tx.delete(schema.webhookDeliveries).where(sql`${schema.webhookDeliveries.payload} -> 'conversation' ->> 'id' = ${roomId}`);
  });
}

/** Conversations (any status) and abandoned rooms of a visitor still in our database. */
export async function roomsOfVisitor(db: Db, visitorUserId: string): Promise<{ conversations: string[]; abandoned: string[] }> {
  const c = await db.select({ roomId: conversations.roomId }).from(conversations).where(eq(conversations.visitorUserId, visitorUserId));
  const a = await db.select({ roomId: abandonedRooms.roomId }).from(abandonedRooms).where(eq(abandonedRooms.visitorUserId, visitorUserId));
  return { conversations: c.map((r) => r.roomId), abandoned: a.map((r) => r.roomId) };
}

/** Drops the rows that name the visitor itself (its account row, pending tickets, prepared rooms and consented email address). */
export async function dropVisitorRows(db: Db, visitorUserId: string): Promise<void> {
  await db.delete(schema.visitorContacts).where(eq(schema.visitorContacts.visitorUserId, visitorUserId));
  await db.delete(routingTickets).where(eq(routingTickets.visitorUserId, visitorUserId));
  await db.delete(schema.preparedRooms).where(eq(schema.preparedRooms.visitorUserId, visitorUserId));
  await db.delete(visitors).where(eq(visitors.userId, visitorUserId));
}

/** The erasure audit: who erased which visitor, when, and how many conversations (no room, no message). */
export async function recordErasure(db: Db, visitorUserId: string, erasedBy: string, conversationCount: number): Promise<void> {
  await db.insert(schema.erasures).values({ visitorUserId, erasedBy, conversations: conversationCount });
}
