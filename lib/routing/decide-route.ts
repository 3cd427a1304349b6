/** Availability an agent sets for themself. */
export type Availability = "available" | "away" | "offline";

/** What the policy needs to know about one agent. */
export type AgentLoad = {
  userId: string;
  availability: Availability;
  /** Maximum number of open conversations at once. */
  maxConcurrent: number;
  /** Conversations currently assigned to the agent and not closed. */
  openCount: number;
  /** When the agent was last given a conversation (ms since epoch), or null if never. */
  lastAssignedAt: number | null;
  /** Ids of the teams the agent belongs to. */
  teams: readonly string[];
};

/** Everything the routing policy decides on for one waiting conversation. */
export type RouteInput = {
  agents: readonly AgentLoad[];
  /** The conversation's team; null = any agent may take it. */
  teamId: string | null;
  /** Agents who declined or did not show up for this conversation. */
  declinedBy: readonly string[];
};

/** The policy's answer for one waiting conversation. */
export type RouteDecision = { kind: "assign"; agentUserId: string } | { kind: "queue"; reason: "nobody-available" | "everyone-at-capacity" };

/** Agents who may ever take this conversation: the team's (or everyone), minus those who declined it. */
export function eligibleAgents(input: RouteInput): AgentLoad[] {
  return input.agents.filter((a) => (input.teamId === null || a.teams.includes(input.teamId)) && !input.declinedBy.includes(a.userId));
}

/**
 * Agents who could take this conversation now, best first: available agents of
 * the conversation's team who have not declined it and are under their
 * capacity; fewest open conversations first, then the longest idle
 * (never-assigned first), then user id so the order is deterministic.
 */
export function rankAgents(input: RouteInput): AgentLoad[] {
  return eligibleAgents(input)
    .filter((a) => a.availability === "available" && a.openCount < a.maxConcurrent)
    .sort((a, b) => a.openCount - b.openCount || (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) || a.userId.localeCompare(b.userId));
}

/** Default routing policy: the best-ranked agent, or why the conversation must wait. Pure: no I/O, no clock. */
export function decideRoute(input: RouteInput): RouteDecision {
  const [best] = rankAgents(input);
  if (best) return { kind: "assign", agentUserId: best.userId };
  const anyoneAvailable = eligibleAgents(input).some((a) => a.availability === "available");
  return { kind: "queue", reason: anyoneAvailable ? "everyone-at-capacity" : "nobody-available" };
}
