import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { decideWidgetStatus, expectedReplySeconds } from "../../lib/hours/decide-widget-status";
import type { WidgetStatus } from "../../lib/widget-protocol/widget-status";
import { db, schema } from "./db";
import { storedHours } from "./team-hours";

/** How far back the usual reply time looks, and at most how many conversations it reads. */
const REPLY_WINDOW_MS = 14 * 86_400_000;
const REPLY_SAMPLES = 500;

/**
 * The status the site's widget shows (null when the site hides it): its
 * team's hours, whether an available agent of the team (every agent without a
 * team) is under capacity, and the median time to a first reply of the site's
 * conversations of the last 14 days. Metadata only, as the metrics read it.
 */
export async function siteStatus(site: { id: string; teamId: string | null; showStatus: boolean }, now = new Date()): Promise<WidgetStatus | null> {
  if (!site.showStatus) return null;
  const { agents, teams, teamMembers, conversations } = schema;
  const inTeam = site.teamId
    ? sql`exists (select 1 from ${teamMembers} tm where tm.agent_user_id = ${agents.userId} and tm.team_id = ${site.teamId})`
    : sql`true`;
  const open = sql`(select count(*) from ${conversations} c where c.agent_user_id = ${agents.userId} and c.status in ('assigned', 'active'))`;
  // Three independent reads at once: the widget's frame page waits for this status.
  const [[team], [free], samples] = await Promise.all([
    site.teamId ? db().select({ hours: teams.hours }).from(teams).where(eq(teams.id, site.teamId)) : Promise.resolve([]),
    db()
      .select({ n: sql<number>`count(*)::int` })
      .from(agents)
      .where(and(eq(agents.availability, "available"), inTeam, sql`${open} < ${agents.maxConcurrent}`)),
    db()
      .select({ createdAt: conversations.createdAt, firstReplyAt: conversations.firstAgentReplyAt })
      .from(conversations)
      .where(and(eq(conversations.siteId, site.id), gt(conversations.createdAt, new Date(now.getTime() - REPLY_WINDOW_MS))))
      .orderBy(sql`${conversations.createdAt} desc`)
      .limit(REPLY_SAMPLES),
  ]);
  const hours = storedHours(team?.hours);
  return decideWidgetStatus({ hours, now, agentsFree: free?.n ?? 0, replySeconds: expectedReplySeconds(samples, hours) });
}
