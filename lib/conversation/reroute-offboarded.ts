import { and, arrayContains, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { republishTeams } from "./team-supervisors";
import { requeueWithout, type Db } from "./transitions";

const { agents, conversations, offboardings, routingTickets } = schema;

/**
 * Takes an agent out of routing and queues their open conversations again,
 * once: in one transaction, marks the agent offboarded (never routed to
 * again), ends each of their open assignments ("offboarded"), puts the
 * conversation back in its team's queue (the routing policy picks the next
 * agent; they are never offered it back), drops them from stand-by lists and
 * their routing tickets, and records the count on the offboarding. The agent's
 * row lock comes first, as for every decider that assigns (so a router
 * assigning at the same moment either finishes first, and its assignment is
 * re-routed here, or sees the agent gone). A second call finds the step done
 * and changes nothing. Returns how many conversations were re-routed by this call.
 */
export async function rerouteOffboarded(db: Db, userId: string, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [off] = await tx.select().from(offboardings).where(eq(offboardings.userId, userId)).for("update");
    if (!off || off.reroutedAt) return 0;
    await tx.select({ userId: agents.userId }).from(agents).where(eq(agents.userId, userId)).for("update");
    await tx.update(agents).set({ offboardedAt: at, availability: "offline" }).where(eq(agents.userId, userId));
    const theirs = await tx
      .select({ roomId: conversations.roomId })
      .from(conversations)
      .where(and(eq(conversations.agentUserId, userId), ne(conversations.status, "closed")))
      .orderBy(conversations.roomId)
      .for("update");
    for (const { roomId } of theirs) {
      await requeueWithout(tx, roomId, userId, "offboarded", at, { acceptedAt: null, standbyUserIds: [] });
    }
    // Stand-by elsewhere: republished without them (the router then kicks them from those rooms too).
    await tx
      .update(conversations)
      .set({ standbyUserIds: sql`array_remove(${conversations.standbyUserIds}, ${userId})`, version: sql`${conversations.version} + 1` })
      .where(and(ne(conversations.status, "closed"), arrayContains(conversations.standbyUserIds, [userId])));
    // A supervisor's team: republished without them as a declared reader.
    const [row] = await tx.select({ supervises: agents.supervisesTeamId }).from(agents).where(eq(agents.userId, userId));
    await republishTeams(tx, [row?.supervises ?? null]);
    await tx.delete(routingTickets).where(eq(routingTickets.agentUserId, userId));
    await tx
      .update(offboardings)
      .set({ reroutedAt: at, rerouted: theirs.length })
      .where(and(eq(offboardings.userId, userId), isNull(offboardings.reroutedAt)));
    return theirs.length;
  });
}

/** Open conversation rooms (for the kick check). */
export async function openRoomIds(db: Db, roomIds: readonly string[]): Promise<string[]> {
  if (roomIds.length === 0) return [];
  const rows = await db
    .select({ roomId: conversations.roomId })
    .from(conversations)
    .where(and(inArray(conversations.roomId, [...roomIds]), ne(conversations.status, "closed")));
  return rows.map((r) => r.roomId);
}
