import { and, asc, eq, inArray } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";
import { keyHolders } from "./key-holders";

const { agents, assignments, conversationNotes, erasedRoomKeys, teamMembers } = schema;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Records, as a conversation is erased, which agents' consoles must delete
 * the keys of its room and of its notes room (crypto-shredding). Runs in the
 * erasure's transaction, before the rows it reads go.
 */
export async function recordKeyHolders(tx: Tx, c: { roomId: string; agentUserId: string | null; teamId: string | null }): Promise<void> {
  const assigned = await tx.select({ id: assignments.agentUserId }).from(assignments).where(eq(assignments.roomId, c.roomId));
  const queue = c.teamId
    ? await tx.select({ id: teamMembers.agentUserId }).from(teamMembers).where(eq(teamMembers.teamId, c.teamId))
    : await tx.select({ id: agents.userId }).from(agents);
  const holders = keyHolders({ agentUserId: c.agentUserId, assignedAgents: assigned.map((r) => r.id), queueAgents: queue.map((r) => r.id) });
  const [notes] = await tx.select({ id: conversationNotes.notesRoomId }).from(conversationNotes).where(eq(conversationNotes.roomId, c.roomId));
  const rooms = notes ? [c.roomId, notes.id] : [c.roomId];
  const rows = holders.flatMap((agentUserId) => rooms.map((roomId) => ({ roomId, agentUserId })));
  if (rows.length > 0) await tx.insert(erasedRoomKeys).values(rows).onConflictDoNothing();
}

/** The erased rooms whose keys this agent's consoles have not yet deleted, oldest first. */
export async function erasedRoomsOf(db: Db, agentUserId: string, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ roomId: erasedRoomKeys.roomId })
    .from(erasedRoomKeys)
    .where(eq(erasedRoomKeys.agentUserId, agentUserId))
    .orderBy(asc(erasedRoomKeys.erasedAt))
    .limit(limit);
  return rows.map((r) => r.roomId);
}

/** The agent's console deleted these rooms' keys: their rows go. Answers how many went. */
export async function acknowledgeErasedRooms(db: Db, agentUserId: string, roomIds: string[]): Promise<number> {
  const gone = await db
    .delete(erasedRoomKeys)
    .where(and(eq(erasedRoomKeys.agentUserId, agentUserId), inArray(erasedRoomKeys.roomId, roomIds)))
    .returning({ roomId: erasedRoomKeys.roomId });
  return gone.length;
}
