import "server-only";
import { sql } from "drizzle-orm";
import { db } from "./db";
import type { RoutingMetrics } from "./routing-metrics";

/**
 * Adds what erased conversations left in `conversation_stats` to the figures
 * counted from live rows, so that totals do not drop when retention erases
 * (closed conversations, offers per agent, and the sums and counts of the wait
 * and first-response summaries; the quantiles cover the kept rows only).
 */
export async function withErasedCounts(m: RoutingMetrics): Promise<RoutingMetrics> {
  const [t] = await db().execute<{ conversations: number; waits: number; wait_sum: number; responses: number; response_sum: number }>(sql`
    select coalesce(sum(conversations), 0)::int as conversations, coalesce(sum(waits), 0)::int as waits, coalesce(sum(wait_seconds_sum), 0)::float8 as wait_sum,
           coalesce(sum(first_responses), 0)::int as responses, coalesce(sum(first_response_seconds_sum), 0)::float8 as response_sum
    from conversation_stats`);
  const perAgent = await db().execute<{ agent: string; n: number }>(
    sql`select agent_user_id as agent, sum(assignments)::int as n from conversation_stats where agent_user_id <> '' group by agent_user_id`,
  );
  if (!t || t.conversations === 0) return m;
  const offers = new Map(perAgent.map((r) => [r.agent, r.n]));
  return {
    ...m,
    byStatus: { ...m.byStatus, closed: (m.byStatus.closed ?? 0) + t.conversations },
    agents: m.agents.map((a) => ({ ...a, assignedTotal: a.assignedTotal + (offers.get(a.userId) ?? 0) })),
    waitSeconds: { ...m.waitSeconds, sum: (m.waitSeconds.sum ?? 0) + t.wait_sum, count: m.waitSeconds.count + t.waits },
    firstResponseSeconds: {
      ...m.firstResponseSeconds,
      sum: (m.firstResponseSeconds.sum ?? 0) + t.response_sum,
      count: m.firstResponseSeconds.count + t.responses,
    },
  };
}
