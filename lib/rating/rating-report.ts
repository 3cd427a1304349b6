import type { Metric } from "../metrics/prometheus-text";

/** Ratings of one (site, team, agent) group: how many, and the sum of their scores. Empty strings stand for "none". */
export type RatingGroup = { siteId: string; teamId: string; agentUserId: string; ratings: number; scoreSum: number };

/** One line of the report: who, how many ratings, their average (null without any). */
export type RatingLine = { id: string; ratings: number; scoreSum: number; average: number | null };

/** Ratings per agent, team and site. */
export type RatingReport = { agents: RatingLine[]; teams: RatingLine[]; sites: RatingLine[]; all: RatingLine };

function totals(groups: readonly RatingGroup[], key: (g: RatingGroup) => string): RatingLine[] {
  const by = new Map<string, { ratings: number; scoreSum: number }>();
  for (const g of groups) {
    const id = key(g);
    if (!id || g.ratings === 0) continue; // no team / no agent: only in the wider totals
    const t = by.get(id) ?? { ratings: 0, scoreSum: 0 };
    by.set(id, { ratings: t.ratings + g.ratings, scoreSum: t.scoreSum + g.scoreSum });
  }
  return [...by].map(([id, t]) => line(id, t.ratings, t.scoreSum)).sort((a, b) => a.id.localeCompare(b.id));
}

function line(id: string, ratings: number, scoreSum: number): RatingLine {
  return { id, ratings, scoreSum, average: ratings ? Math.round((scoreSum / ratings) * 100) / 100 : null };
}

/**
 * Sums rating groups (live ratings and the counts erased conversations left
 * behind, which may repeat a group) into the report: per agent, team, site and
 * overall. Pure.
 */
export function ratingReport(groups: readonly RatingGroup[]): RatingReport {
  const ratings = groups.reduce((n, g) => n + g.ratings, 0);
  const scoreSum = groups.reduce((n, g) => n + g.scoreSum, 0);
  return {
    agents: totals(groups, (g) => g.agentUserId),
    teams: totals(groups, (g) => g.teamId),
    sites: totals(groups, (g) => g.siteId),
    all: line("", ratings, scoreSum),
  };
}

function family(scope: "agent" | "team" | "site", lines: readonly RatingLine[]): Metric {
  return {
    name: `sealdesk_${scope}_rating_score`,
    help: `Satisfaction scores (1-5) visitors gave, per ${scope}: _sum / _count is the average.`,
    type: "summary",
    samples: lines.flatMap((l) => [
      { suffix: "_sum" as const, labels: { [scope]: l.id }, value: l.scoreSum },
      { suffix: "_count" as const, labels: { [scope]: l.id }, value: l.ratings },
    ]),
  };
}

/** The report as Prometheus summaries (sum and count per agent, team and site; no quantiles). */
export function ratingMetrics(r: RatingReport): Metric[] {
  return [family("agent", r.agents), family("team", r.teams), family("site", r.sites)];
}
