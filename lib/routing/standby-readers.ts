import { eligibleAgents, rankAgents, type AgentLoad } from "./decide-route";

/** How many next-best candidates hold the keys while an assignment is unaccepted. */
export const STANDBY_COUNT = 2;

/**
 * Stand-by readers of a conversation besides its agent: while queued, everyone
 * who may take it (whatever their availability), so that whoever takes it later
 * can read what the visitor wrote even if the visitor has gone; while assigned,
 * the next {@link STANDBY_COUNT} candidates, so a no-show can be skipped
 * without the visitor. Pure.
 */
export function standbyReaders(
  agents: readonly AgentLoad[],
  c: { status: "queued" | "assigned" | "active" | "closed"; teamId: string | null; declinedBy: readonly string[]; agentUserId: string | null },
): string[] {
  const input = { agents, teamId: c.teamId, declinedBy: c.declinedBy };
  if (c.status === "queued")
    return eligibleAgents(input)
      .slice(0, 100)
      .map((a) => a.userId);
  if (c.status !== "assigned") return [];
  return rankAgents({ ...input, declinedBy: [...c.declinedBy, ...(c.agentUserId ? [c.agentUserId] : [])] })
    .slice(0, STANDBY_COUNT)
    .map((a) => a.userId);
}
