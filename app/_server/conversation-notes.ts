import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "./db";

type Agent = { userId: string; role: "agent" | "operator" };
type Result = { ok: true; notesRoomId: string | null } | { ok: false; error: "not-found" | "forbidden" | "not-a-notes-room" };

/** The conversation's agent, anyone it was ever assigned to, or an operator may see where its notes are. */
async function mayReadNotes(agent: Agent, roomId: string): Promise<"ok" | "not-found" | "forbidden"> {
  const [c] = await db().select({ agentUserId: schema.conversations.agentUserId }).from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
  if (!c) return "not-found";
  if (agent.role === "operator" || c.agentUserId === agent.userId) return "ok";
  const [earlier] = await db()
    .select({ id: schema.assignments.id })
    .from(schema.assignments)
    .where(and(eq(schema.assignments.roomId, roomId), eq(schema.assignments.agentUserId, agent.userId)))
    .limit(1);
  return earlier ? "ok" : "forbidden";
}

/** The id of the conversation's agents-only notes room, or null when nobody wrote a note yet. */
export async function notesRoomOf(agent: Agent, roomId: string): Promise<Result> {
  const allowed = await mayReadNotes(agent, roomId);
  if (allowed !== "ok") return { ok: false, error: allowed };
  const [row] = await db()
    .select({ notesRoomId: schema.conversationNotes.notesRoomId })
    .from(schema.conversationNotes)
    .where(eq(schema.conversationNotes.roomId, roomId));
  return { ok: true, notesRoomId: row?.notesRoomId ?? null };
}

/**
 * Records the notes room the caller's console created for a conversation. Only
 * the conversation's agent or an operator; the first link wins, so two consoles
 * that raced both end up using the same room (the returned one).
 */
export async function linkNotesRoom(agent: Agent, roomId: string, notesRoomId: string): Promise<Result> {
  const [c] = await db().select({ agentUserId: schema.conversations.agentUserId }).from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
  if (!c) return { ok: false, error: "not-found" };
  if (agent.role !== "operator" && c.agentUserId !== agent.userId) return { ok: false, error: "forbidden" };
  // Never a visitor's conversation room (the console checks the room itself too).
  const [conversationRoom] = await db()
    .select({ roomId: schema.conversations.roomId })
    .from(schema.conversations)
    .where(eq(schema.conversations.roomId, notesRoomId));
  if (conversationRoom) return { ok: false, error: "not-a-notes-room" };
  await db().insert(schema.conversationNotes).values({ roomId, notesRoomId, createdBy: agent.userId }).onConflictDoNothing();
  return notesRoomOf(agent, roomId);
}
