import { inArray, isNull, sql } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
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
    .from(agents)
    // Offboarded agents are never routed to, nor stand-by readers.
    .where(isNull(agents.offboardedAt));
  return rows.map((a) => ({ ...a, lastAssignedAt: a.lastAssignedAt?.getTime() ?? null }));
}

/**
 * Locks agents' rows (every agent, or only `only`), in user id order so that
 * concurrent deciders never deadlock, then counts every agent's load. The
 * counts of the locked agents cannot change until the transaction ends: any
 * decider that assigns to an agent (router, ticket issuer, Take) holds its
 * lock first, so two deciders never push an agent over capacity. The others'
 * counts are a snapshot (good for ranking stand-bys, not for capacity).
 */
export async function lockAgentLoads(tx: Db, now: Date, only?: readonly string[]): Promise<(AgentLoad & { displayName: string })[]> {
  if (only?.length === 0) return agentLoads(tx, now);
  await tx
    .select({ userId: agents.userId })
    .from(agents)
    .where(only ? inArray(agents.userId, [...only]) : undefined)
    .orderBy(agents.userId)
    .for("update");
  return agentLoads(tx, now);
}
