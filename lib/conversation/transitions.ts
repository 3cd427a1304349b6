import { and, eq, isNull, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "@/drizzle/schema";
import { emitConversationEvent } from "../integrations/emit-event";

/** Any Drizzle PostgreSQL database or transaction over our schema. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type Conversation = typeof schema.conversations.$inferSelect;
type Outcome = NonNullable<typeof schema.assignments.$inferSelect.outcome>;

/** Locks a conversation row for the rest of the transaction. */
export async function lockConversation(tx: Db, roomId: string): Promise<Conversation | undefined> {
  const [row] = await tx.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId)).for("update");
  return row;
}

/** Ends the conversation's open assignment, if any, with an outcome. */
export async function endOpenAssignment(tx: Db, roomId: string, outcome: Outcome, at: Date): Promise<void> {
  await tx
    .update(schema.assignments)
    .set({ endedAt: at, outcome })
    .where(and(eq(schema.assignments.roomId, roomId), isNull(schema.assignments.endedAt)));
}

/**
 * Back to the queue without `agentUserId`, who is not offered it again (declined, no-show,
 * offboarded): their open assignment ends with `outcome`. `also` clears more (an offboarding
 * drops the stand-by list too). The caller holds the conversation's row lock.
 */
export async function requeueWithout(
  tx: Db,
  roomId: string,
  agentUserId: string,
  outcome: Outcome,
  at: Date,
  also: Partial<typeof schema.conversations.$inferInsert> = {},
): Promise<void> {
  await endOpenAssignment(tx, roomId, outcome, at);
  const c = schema.conversations;
  await tx
    .update(c)
    .set({
      status: "queued",
      agentUserId: null,
      assignedAt: null,
      ...also,
      declinedBy: sql`array_append(${c.declinedBy}, ${agentUserId})`,
      version: sql`${c.version} + 1`,
    })
    .where(eq(c.roomId, roomId));
}

/** Gives a conversation to an agent (a new open assignment); the unique index refuses a second one. */
export async function assignTo(tx: Db, roomId: string, agentUserId: string, at: Date, accepted = false): Promise<void> {
  await tx.insert(schema.assignments).values({ roomId, agentUserId, assignedAt: at, acceptedAt: accepted ? at : null });
  await tx
    .update(schema.conversations)
    .set({
      status: accepted ? "active" : "assigned",
      agentUserId,
      assignedAt: at,
      acceptedAt: accepted ? at : null,
      // Stand-bys belong to one assignment; whoever assigns sets new ones.
      standbyUserIds: [],
      version: sql`${schema.conversations.version} + 1`,
    })
    .where(eq(schema.conversations.roomId, roomId));
  await tx.update(schema.agents).set({ lastAssignedAt: at }).where(eq(schema.agents.userId, agentUserId));
  await emitConversationEvent(tx, "conversation.assigned", roomId, at);
}

/** Closes a conversation (idempotent); returns false when it was already closed or unknown. */
export async function closeConversation(tx: Db, roomId: string, reason: "agent" | "visitor" | "inactivity", at: Date): Promise<boolean> {
  const c = await lockConversation(tx, roomId);
  if (!c || c.status === "closed") return false;
  await endOpenAssignment(tx, roomId, "closed", at);
  await tx
    .update(schema.conversations)
    .set({ status: "closed", closedAt: at, closedReason: reason, version: sql`${schema.conversations.version} + 1` })
    .where(eq(schema.conversations.roomId, roomId));
  await emitConversationEvent(tx, "conversation.closed", roomId, at);
  return true;
}

/** Where a conversation is transferred to. */
export type TransferTarget = { agentUserId: string } | { teamId: string };

/**
 * Transfers an open conversation to another agent (who must accept it) or back
 * to a team's queue. The previous agent stays in the room until someone
 * accepts, so that their client can share the history with the new readers.
 */
export async function transferConversation(tx: Db, roomId: string, target: TransferTarget, at: Date): Promise<"ok" | "closed" | "unknown"> {
  const c = await lockConversation(tx, roomId);
  if (!c) return "unknown";
  if (c.status === "closed") return "closed";
  await endOpenAssignment(tx, roomId, "transferred", at);
  if (c.agentUserId) {
    // The previous agent is not offered the conversation back, and cannot re-claim it.
    await tx
      .update(schema.conversations)
      .set({ declinedBy: sql`array_append(${schema.conversations.declinedBy}, ${c.agentUserId})` })
      .where(eq(schema.conversations.roomId, roomId));
  }
  if ("agentUserId" in target) {
    await assignTo(tx, roomId, target.agentUserId, at);
  } else {
    await tx
      .update(schema.conversations)
      .set({
        status: "queued",
        agentUserId: null,
        teamId: target.teamId,
        assignedAt: null,
        acceptedAt: null,
        version: sql`${schema.conversations.version} + 1`,
      })
      .where(eq(schema.conversations.roomId, roomId));
  }
  // Webhooks: the new state and where it came from (a transfer to an agent has also emitted "assigned").
  await emitConversationEvent(tx, "conversation.transferred", roomId, at, { fromAgentId: c.agentUserId, fromTeamId: c.teamId });
  return "ok";
}
