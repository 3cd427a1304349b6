import { asc, eq } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { decideBatch, type WaitReason } from "../routing/decide-batch";
import { lockAgentLoads } from "./agent-loads";
import { assignTo, type Db } from "./transitions";

const { conversations } = schema;

/** What one pass over the queue did. */
export type QueueOutcome = {
  /** Rooms assigned in this pass. */
  assigned: string[];
  /** Why each conversation still queued waits. */
  waits: { roomId: string; reason: WaitReason }[];
};

/**
 * Assigns queued conversations, oldest first, in one transaction, with the
 * same policy as the ticket issuer and Take ({@link decideBatch}). Parallel
 * safe: the conversations are locked `FOR UPDATE SKIP LOCKED` (a second router
 * takes others, or none), and the agents' rows are locked before their loads
 * are counted ({@link lockAgentLoads}), so two deciders never push an agent
 * over capacity; the unique open-assignment index refuses a second assignment.
 */
export async function assignQueued(db: Db, now: Date, limit = 200): Promise<QueueOutcome> {
  return db.transaction(async (tx) => {
    const queued = await tx
      .select({ roomId: conversations.roomId, teamId: conversations.teamId, declinedBy: conversations.declinedBy })
      .from(conversations)
      .where(eq(conversations.status, "queued"))
      .orderBy(asc(conversations.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (queued.length === 0) return { assigned: [], waits: [] };
    const loads = await lockAgentLoads(tx, now);
    const decisions = decideBatch({ agents: loads, conversations: queued, teamsWithQueue: [], now: now.getTime() });
    const outcome: QueueOutcome = { assigned: [], waits: [] };
    for (const [i, d] of decisions.entries()) {
      const c = queued[i];
      if (!c) throw new Error(`decideBatch answered ${decisions.length} decisions for ${queued.length} conversations`);
      const { roomId } = c;
      if (d.kind === "queue") outcome.waits.push({ roomId, reason: d.reason });
      if (d.kind !== "assign") continue;
      await assignTo(tx, roomId, d.agentUserId, now);
      await tx.update(conversations).set({ standbyUserIds: d.standbyUserIds }).where(eq(conversations.roomId, roomId));
      outcome.assigned.push(roomId);
    }
    return outcome;
  });
}
