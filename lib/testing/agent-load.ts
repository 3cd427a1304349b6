import type { AgentLoad } from "../routing/decide-route";

/** For tests: an available agent with room for three, in `team`, never assigned before; `over` changes any of it. */
export function agentLoad(userId: string, over: Partial<AgentLoad> = {}, team = "support"): AgentLoad {
  return { userId, availability: "available", maxConcurrent: 3, openCount: 0, lastAssignedAt: null, teams: [team], ...over };
}
