import { eq } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import { eligibleAgents } from "../routing/decide-route";
import { agentLoads, openLoadOf } from "./agent-loads";
import { assignTo, lockConversation, type Db } from "./transitions";

/** Why a claim was refused, or "ok". */
export type ClaimResult = "ok" | "not-found" | "closed" | "taken" | "not-eligible" | "at-capacity";

/**
 * An agent takes a queued conversation from the Queue view. Same rules and
 * locks as the router (`bot/store.ts` routeOne): the conversation row is
 * locked, the agent must be eligible (the conversation's team, not declined),
 * the agent row is locked while its load is recounted, and the assignment goes
 * through {@link assignTo}, so the unique open-assignment index still holds.
 * The agent is assigned (not yet accepted): the router publishes them as the
 * reader, key holders invite them with the history, and their join accepts it
 * (a no-show falls back to the queue as for any assignment). Availability is
 * not required: taking a conversation is the agent's explicit choice.
 */
export async function claimConversation(tx: Db, roomId: string, agentUserId: string, at: Date): Promise<ClaimResult> {
  const c = await lockConversation(tx, roomId);
  if (!c) return "not-found";
  if (c.status === "closed") return "closed";
  if (c.status !== "queued") return c.agentUserId === agentUserId ? "ok" : "taken";
  const loads = await agentLoads(tx, at);
  if (!eligibleAgents({ agents: loads, teamId: c.teamId, declinedBy: c.declinedBy }).some((a) => a.userId === agentUserId)) return "not-eligible";
  const [agent] = await tx.select().from(schema.agents).where(eq(schema.agents.userId, agentUserId)).for("update");
  if (!agent) return "not-eligible";
  if ((await openLoadOf(tx, agentUserId, at)) >= agent.maxConcurrent) return "at-capacity";
  await assignTo(tx, roomId, agentUserId, at);
  return "ok";
}
