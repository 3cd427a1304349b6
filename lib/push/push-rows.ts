import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";

const { agents, consolePresence, conversations, pushNotices, pushSubscriptions, sites } = schema;

/** One device to push to (the browser's subscription). */
export type PushTarget = { endpoint: string; keys: { p256dh: string; auth: string } };

/** The agent's devices, if the agent is still with us (never an offboarded agent's). */
export async function pushTargets(db: Db, agentUserId: string): Promise<PushTarget[]> {
  const rows = await db
    .select({ endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushSubscriptions)
    .innerJoin(agents, eq(agents.userId, pushSubscriptions.agentUserId))
    .where(and(eq(pushSubscriptions.agentUserId, agentUserId), isNull(agents.offboardedAt)));
  return rows.map((r) => ({ endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } }));
}

/** Forgets a device whose subscription the push service says is gone (404/410). */
export async function dropPushTarget(db: Db, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}

/**
 * Claims the push for (conversation, agent): true for exactly one caller, and
 * only when the last push to them for it is older than `notBefore` (one row per
 * pair, updated under the row's conflict lock, so two routers push once).
 */
export async function claimPush(db: Db, roomId: string, agentUserId: string, now: Date, notBefore: Date): Promise<boolean> {
  const rows = await db
    .insert(pushNotices)
    .values({ roomId, agentUserId, sentAt: now })
    .onConflictDoUpdate({ target: [pushNotices.roomId, pushNotices.agentUserId], set: { sentAt: now }, setWhere: lt(pushNotices.sentAt, notBefore) })
    .returning({ roomId: pushNotices.roomId });
  return rows.length > 0;
}

/** What the router needs about a room to decide on a message push (metadata only); null for a room that is no conversation. */
export async function messagePushFacts(db: Db, roomId: string) {
  const [c] = await db
    .select({
      visitorUserId: conversations.visitorUserId,
      status: conversations.status,
      agentUserId: conversations.agentUserId,
      site: sites.name,
      consoleSeenAt: consolePresence.seenAt,
    })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .leftJoin(consolePresence, eq(consolePresence.agentUserId, conversations.agentUserId))
    .where(eq(conversations.roomId, roomId));
  return c ?? null;
}

/** An assignment that may need a push. */
export type DueAssignment = { roomId: string; agentUserId: string; assignedAt: Date; site: string; consoleSeenAt: Date | null };

/**
 * Conversations assigned (not yet accepted) since `since` to an agent who has
 * a device to push to and was not pushed about this assignment yet. Reads only
 * open work (the status index), never history.
 */
export async function dueAssignments(db: Db, since: Date): Promise<DueAssignment[]> {
  const rows = await db
    .select({
      roomId: conversations.roomId,
      agentUserId: conversations.agentUserId,
      assignedAt: conversations.assignedAt,
      site: sites.name,
      consoleSeenAt: consolePresence.seenAt,
    })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .leftJoin(consolePresence, eq(consolePresence.agentUserId, conversations.agentUserId))
    .leftJoin(pushNotices, and(eq(pushNotices.roomId, conversations.roomId), eq(pushNotices.agentUserId, conversations.agentUserId)))
    .where(
      and(
        eq(conversations.status, "assigned"),
        gt(conversations.assignedAt, since),
        sql`(${pushNotices.sentAt} is null or ${pushNotices.sentAt} < ${conversations.assignedAt})`,
        sql`exists (select 1 from ${pushSubscriptions} where ${pushSubscriptions.agentUserId} = ${conversations.agentUserId})`,
      ),
    );
  return rows.flatMap((r) => (r.agentUserId && r.assignedAt ? [{ ...r, agentUserId: r.agentUserId, assignedAt: r.assignedAt }] : []));
}
