import { eq } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { decideBatch } from "../routing/decide-batch";
import { lockAgentLoads } from "./agent-loads";
import { assignTo, lockConversation, type Db } from "./transitions";

/** Why a claim was refused, or "ok". */
export type ClaimResult = "ok" | "not-found" | "closed" | "taken" | "not-eligible" | "at-capacity";

/**
 * An agent takes a queued conversation from the Queue view. Same policy and
 * locks as the router's queue assignment (`assign-queued.ts`) and
 * the ticket issuer: the conversation row is locked, the agent's row is locked
 * while its load is recounted ({@link lockAgentLoads}), the policy
 * ({@link decideBatch}, as a claim: the conversation's team, not declined,
 * under capacity) decides, and the assignment goes through {@link assignTo},
 * so the unique open-assignment index still holds. The agent is assigned (not
 * yet accepted): the router publishes them as the reader, key holders invite
 * them with the history, and their join accepts it (a no-show falls back to the
 * queue as for any assignment). Availability is not required: taking a
 * conversation is the agent's explicit choice.
 */
export async function claimConversation(tx: Db, roomId: string, agentUserId: string, at: Date): Promise<ClaimResult> {
  const c = await lockConversation(tx, roomId);
  if (!c) return "not-found";
  if (c.status === "closed") return "closed";
  if (c.status !== "queued") return c.agentUserId === agentUserId ? "ok" : "taken";
  const loads = await lockAgentLoads(tx, at, [agentUserId]);
  const [decision] = decideBatch({
    agents: loads,
    conversations: [{ teamId: c.teamId, declinedBy: c.declinedBy, claimant: agentUserId }],
    teamsWithQueue: [],
    now: at.getTime(),
  });
  if (!decision) throw new Error("decideBatch answered no decision for the claim");
  if (decision.kind === "refuse") return decision.reason;
  if (decision.kind !== "assign") return "not-eligible"; // a claim is assigned or refused
  await assignTo(tx, roomId, agentUserId, at);
  // Stand-bys chosen with the assignment, as the router and the ticket issuer do.
  await tx.update(schema.conversations).set({ standbyUserIds: decision.standbyUserIds }).where(eq(schema.conversations.roomId, roomId));
  return "ok";
}
