import "server-only";
import { sql } from "drizzle-orm";
import type { Metric } from "../../lib/metrics/prometheus-text";
import { db } from "./db";
import { withErasedCounts } from "./erased-counts";

type Quantiles = { p50: number | null; p95: number | null; sum: number | null; count: number };

/** Routing figures from metadata only (who was assigned, who sent an event, when). */
export type RoutingMetrics = {
  byStatus: Record<string, number>;
  agents: { userId: string; displayName: string; availability: string; open: number; assignedTotal: number }[];
  waitSeconds: Quantiles;
  firstResponseSeconds: Quantiles;
};

async function quantiles(column: "accepted_at" | "first_agent_reply_at"): Promise<Quantiles> {
  const rows = await db().execute<{ p50: number | null; p95: number | null; sum: number | null; count: number }>(sql`
    select percentile_cont(0.5) within group (order by d) as p50, percentile_cont(0.95) within group (order by d) as p95,
           sum(d) as sum, count(d)::int as count
    from (select extract(epoch from (${sql.raw(column)} - created_at))::float8 as d from conversations where ${sql.raw(column)} is not null) t`);
  const r = rows[0];
  return { p50: r?.p50 ?? null, p95: r?.p95 ?? null, sum: r?.sum ?? null, count: r?.count ?? 0 };
}

export async function routingMetrics(): Promise<RoutingMetrics> {
  const statusRows = await db().execute<{ status: string; n: number }>(sql`select status::text, count(*)::int as n from conversations group by status`);
  const agents = await db().execute<{ user_id: string; display_name: string; availability: string; open: number; assigned_total: number }>(sql`
    select a.user_id, a.display_name, a.availability::text,
      (select count(*)::int from conversations c where c.agent_user_id = a.user_id and c.status in ('assigned', 'active')) as open,
      (select count(*)::int from assignments s where s.agent_user_id = a.user_id) as assigned_total
    from agents a order by a.user_id`);
  const byStatus: Record<string, number> = { queued: 0, assigned: 0, active: 0, closed: 0 };
  for (const r of statusRows) byStatus[r.status] = r.n;
  return withErasedCounts({
    byStatus,
    agents: agents.map((a) => ({
      userId: a.user_id,
      displayName: a.display_name,
      availability: a.availability,
      open: a.open,
      assignedTotal: a.assigned_total,
    })),
    waitSeconds: await quantiles("accepted_at"),
    firstResponseSeconds: await quantiles("first_agent_reply_at"),
  });
}

function summary(name: string, help: string, q: Quantiles): Metric {
  return {
    name,
    help,
    type: "summary",
    samples: [
      { labels: { quantile: "0.5" }, value: q.p50 ?? NaN },
      { labels: { quantile: "0.95" }, value: q.p95 ?? NaN },
      { suffix: "_sum", value: q.sum ?? 0 },
      { suffix: "_count", value: q.count },
    ],
  };
}

/** The figures as Prometheus metric families. */
export function toPrometheus(m: RoutingMetrics): Metric[] {
  return [
    { name: "sealdesk_queue_length", help: "Conversations waiting for an agent.", type: "gauge", samples: [{ value: m.byStatus.queued ?? 0 }] },
    {
      name: "sealdesk_conversations",
      help: "Conversations by routing status.",
      type: "gauge",
      samples: Object.entries(m.byStatus).map(([status, value]) => ({ labels: { status }, value })),
    },
    {
      name: "sealdesk_agent_open_conversations",
      help: "Open conversations per agent.",
      type: "gauge",
      samples: m.agents.map((a) => ({ labels: { agent: a.userId }, value: a.open })),
    },
    {
      name: "sealdesk_agent_assignments_total",
      help: "Conversations ever offered to each agent.",
      type: "counter",
      samples: m.agents.map((a) => ({ labels: { agent: a.userId }, value: a.assignedTotal })),
    },
    summary("sealdesk_wait_seconds", "From a conversation's start to an agent accepting it.", m.waitSeconds),
    summary("sealdesk_first_response_seconds", "From a conversation's start to the agent's first event in it.", m.firstResponseSeconds),
  ];
}
