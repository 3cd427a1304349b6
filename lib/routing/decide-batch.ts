import { decideRoute, eligibleAgents, type AgentLoad } from "./decide-route";
import { standbyReaders } from "./standby-readers";

/** One conversation waiting for a decision, in a batch given in arrival order. */
export type WaitingConversation = {
  /** The conversation's team; null = any agent may take it. */
  teamId: string | null;
  /** Agents who declined, did not show up for or transferred away this conversation. */
  declinedBy: readonly string[];
  /** The agent who chose it themself (Take in the console); absent = the policy picks. */
  claimant?: string;
};

/** Everything the policy decides a batch on. */
export type BatchInput = {
  /** Every agent's load, counted under their row locks (see `lockAgentLoads`). */
  agents: readonly AgentLoad[];
  /** Oldest first. */
  conversations: readonly WaitingConversation[];
  /** Teams that already have an older conversation waiting (not declined by anyone): new ones wait behind it. */
  teamsWithQueue: Iterable<string | null>;
  /** Ms since epoch: the assignment time that the rest of the batch sees (fair rotation). */
  now: number;
};

/** Why a conversation waits: the single-conversation reasons, or an older one of its team waits. */
export type WaitReason = "nobody-available" | "everyone-at-capacity" | "behind-older";

/** The policy's answer for one conversation of a batch. */
export type BatchDecision =
  | { kind: "assign"; agentUserId: string; standbyUserIds: string[] }
  | { kind: "queue"; reason: WaitReason; standbyUserIds: string[] }
  | { kind: "refuse"; reason: "not-eligible" | "at-capacity" };

/**
 * The routing policy for a batch of waiting conversations, in arrival order.
 * Pure: no I/O, no clock (`now` is given).
 *
 * - Arrival order: once a team's conversation waits, its later ones wait too
 *   ("behind-older"), so an agent who frees up takes the oldest. A
 *   conversation somebody declined may wait for reasons of its own: it does not
 *   hold its team back.
 * - Each pick is {@link decideRoute} (team, declines, availability, capacity,
 *   fewest open, longest idle), and the rest of the batch sees it: the agent's
 *   load goes up and they become the most recently assigned (fair rotation).
 * - A claim (Take) is the claimant's choice: no availability or arrival order
 *   needed, but the same team, declines and capacity rules ("refuse" otherwise).
 * - Stand-by readers come with every decision ({@link standbyReaders}).
 */
export function decideBatch(input: BatchInput): BatchDecision[] {
  const agents = input.agents.map((a) => ({ ...a }));
  const waiting = new Set(input.teamsWithQueue);
  return input.conversations.map((c) => {
    const decision = decideOne(agents, waiting, c);
    if (decision.kind === "assign") {
      const agent = agents.find((a) => a.userId === decision.agentUserId)!;
      agent.openCount++;
      agent.lastAssignedAt = input.now;
    } else if (decision.kind === "queue" && c.declinedBy.length === 0) {
      waiting.add(c.teamId);
    }
    return decision;
  });
}

function decideOne(agents: AgentLoad[], waiting: ReadonlySet<string | null>, c: WaitingConversation): BatchDecision {
  const input = { agents, teamId: c.teamId, declinedBy: c.declinedBy };
  const standbyFor = (agentUserId: string | null): string[] => standbyReaders(agents, { status: agentUserId ? "assigned" : "queued", ...input, agentUserId });
  if (c.claimant !== undefined) {
    const agent = eligibleAgents(input).find((a) => a.userId === c.claimant);
    if (!agent) return { kind: "refuse", reason: "not-eligible" };
    if (agent.openCount >= agent.maxConcurrent) return { kind: "refuse", reason: "at-capacity" };
    return { kind: "assign", agentUserId: agent.userId, standbyUserIds: standbyFor(agent.userId) };
  }
  if (waiting.has(c.teamId)) return { kind: "queue", reason: "behind-older", standbyUserIds: standbyFor(null) };
  const route = decideRoute(input);
  if (route.kind === "queue") return { kind: "queue", reason: route.reason, standbyUserIds: standbyFor(null) };
  return { kind: "assign", agentUserId: route.agentUserId, standbyUserIds: standbyFor(route.agentUserId) };
}
