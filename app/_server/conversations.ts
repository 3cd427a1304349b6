import "server-only";
import { and, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import { claimConversation, type ClaimResult } from "../../lib/conversation/claim-conversation";
import { closeConversation, transferConversation, type TransferTarget } from "../../lib/conversation/transitions";
import { db, schema } from "./db";
import { supervisedTeam } from "./supervision";

type Agent = { userId: string; role: "agent" | "operator" };

/**
 * Conversations assigned to (or accepted by) this agent, and, for a
 * supervisor, their team's open ones (`supervising`: joined as a declared
 * reader once the visitor's browser or the agent's invites them).
 */
export async function listMyConversations(agent: Agent) {
  const team = await supervisedTeam(agent.userId);
  const mine = and(eq(schema.conversations.agentUserId, agent.userId), inArray(schema.conversations.status, ["assigned", "active"]));
  const supervised: SQL | undefined = team ? and(eq(schema.conversations.teamId, team.id), ne(schema.conversations.status, "closed")) : undefined;
  const rows = await db()
    .select({
      roomId: schema.conversations.roomId,
      status: schema.conversations.status,
      siteId: schema.conversations.siteId,
      visitorUserId: schema.conversations.visitorUserId,
      createdAt: schema.conversations.createdAt,
      notesRoomId: schema.conversationNotes.notesRoomId,
      agentUserId: schema.conversations.agentUserId,
    })
    .from(schema.conversations)
    // The agents-only notes room, if any: the console joins it when invited (after a transfer).
    .leftJoin(schema.conversationNotes, eq(schema.conversationNotes.roomId, schema.conversations.roomId))
    .where(supervised ? or(mine, supervised) : mine);
  if (rows.length === 0) return [];
  const earlier = await db()
    .select({ roomId: schema.assignments.roomId, agentUserId: schema.assignments.agentUserId })
    .from(schema.assignments)
    .where(
      inArray(
        schema.assignments.roomId,
        rows.map((r) => r.roomId),
      ),
    );
  // Everyone who may have written in the room: the console learns their devices before
  // importing the history keys, which are trusted only if the sender's device is known then.
  return rows.map(({ agentUserId, ...r }) => ({
    ...r,
    // A supervisor never joins the notes room through this list: notes go to the agents who had the conversation.
    ...(agentUserId === agent.userId ? {} : { supervising: true as const, notesRoomId: null }),
    participants: [...new Set([r.visitorUserId, ...earlier.filter((e) => e.roomId === r.roomId).map((e) => e.agentUserId)])],
  }));
}

/** Agents and teams a conversation can be transferred to. */
export async function transferTargets() {
  const [agents, teams] = await Promise.all([
    db()
      .select({ userId: schema.agents.userId, displayName: schema.agents.displayName, availability: schema.agents.availability })
      .from(schema.agents)
      .where(isNull(schema.agents.offboardedAt)),
    db().select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams),
  ]);
  return { agents, teams };
}

/** Only the conversation's agent, or an operator, may transfer or close it. */
async function mayAct(agent: Agent, roomId: string): Promise<"ok" | "not-found" | "forbidden"> {
  const [c] = await db().select({ agentUserId: schema.conversations.agentUserId }).from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
  if (!c) return "not-found";
  return agent.role === "operator" || c.agentUserId === agent.userId ? "ok" : "forbidden";
}

export async function closeAsAgent(agent: Agent, roomId: string): Promise<"ok" | "not-found" | "forbidden" | "closed"> {
  const allowed = await mayAct(agent, roomId);
  if (allowed !== "ok") return allowed;
  return (await db().transaction((tx) => closeConversation(tx, roomId, "agent", new Date()))) ? "ok" : "closed";
}

export async function transferAsAgent(
  agent: Agent,
  roomId: string,
  target: TransferTarget,
): Promise<"ok" | "not-found" | "forbidden" | "closed" | "bad-target"> {
  const allowed = await mayAct(agent, roomId);
  if (allowed !== "ok") return allowed;
  if ("agentUserId" in target) {
    if (target.agentUserId === agent.userId) return "bad-target";
    const [a] = await db().select().from(schema.agents).where(eq(schema.agents.userId, target.agentUserId));
    if (!a || a.offboardedAt) return "bad-target";
  } else {
    const [t] = await db().select().from(schema.teams).where(eq(schema.teams.id, target.teamId));
    if (!t) return "bad-target";
  }
  const result = await db().transaction((tx) => transferConversation(tx, roomId, target, new Date()));
  return result === "unknown" ? "not-found" : result;
}

/** The agent takes a queued conversation (same rules and locks as the router). */
export async function claimAsAgent(agent: Agent, roomId: string): Promise<ClaimResult> {
  return db().transaction((tx) => claimConversation(tx, roomId, agent.userId, new Date()));
}
