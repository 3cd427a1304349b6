import { eq, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { AgentLoad } from "../routing/decide-route";
import type { Db } from "./transitions";

const { agents, conversations, routingTickets, teamMembers } = schema;

/** An agent row's open conversations plus its unexpired routing tickets (selected from `agents`). */
const openLoad = (now: Date) =>
  sql<number>`(select count(*)::int from ${conversations} c where c.agent_user_id = ${agents.userId} and c.status in ('assigned', 'active'))
    + (select count(*)::int from ${routingTickets} t where t.agent_user_id = ${agents.userId} and t.expires_at > ${now.toISOString()}::timestamptz)`;

/**
 * Every agent's load for the routing policy: open conversations plus pending
 * routing tickets (a ticket holds capacity until its room is recorded or it
 * expires), so a burst of new conversations never pushes an agent over capacity.
 */
export async function agentLoads(tx: Db, now: Date): Promise<(AgentLoad & { displayName: string })[]> {
  const rows = await tx
    .select({
      userId: agents.userId,
      displayName: agents.displayName,
      availability: agents.availability,
      maxConcurrent: agents.maxConcurrent,
      lastAssignedAt: agents.lastAssignedAt,
      openCount: openLoad(now),
      teams: sql<string[]>`coalesce((select array_agg(tm.team_id) from ${teamMembers} tm where tm.agent_user_id = ${agents.userId}), '{}')`,
    })
    .from(agents);
  return rows.map((a) => ({ ...a, lastAssignedAt: a.lastAssignedAt?.getTime() ?? null }));
}

/** One agent's open conversations plus pending tickets (call it holding the agent row's lock). */
export async function openLoadOf(tx: Db, agentUserId: string, now: Date): Promise<number> {
  const [row] = await tx
    .select({
      open: openLoad(now),
    })
    .from(agents)
    .where(eq(agents.userId, agentUserId));
  return row?.open ?? 0;
}
