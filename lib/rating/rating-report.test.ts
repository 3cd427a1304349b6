import { describe, expect, it } from "vitest";
import { prometheusText } from "../metrics/prometheus-text";
import { ratingMetrics, ratingReport, type RatingGroup } from "./rating-report";

const g = (siteId: string, teamId: string, agentUserId: string, ratings: number, scoreSum: number): RatingGroup => ({
  siteId,
  teamId,
  agentUserId,
  ratings,
  scoreSum,
});

describe("ratingReport", () => {
  it("is empty without ratings", () => {
    expect(ratingReport([])).toEqual({ agents: [], teams: [], sites: [], all: { id: "", ratings: 0, scoreSum: 0, average: null } });
  });

  it("sums per agent, team and site, adding repeated groups (live rows and erased counts)", () => {
    const r = ratingReport([g("demo", "t1", "@a:hs", 2, 9), g("demo", "t1", "@a:hs", 1, 3), g("demo", "t1", "@b:hs", 1, 2), g("shop", "", "", 1, 1)]);
    expect(r.agents).toEqual([
      { id: "@a:hs", ratings: 3, scoreSum: 12, average: 4 },
      { id: "@b:hs", ratings: 1, scoreSum: 2, average: 2 },
    ]);
    expect(r.teams).toEqual([{ id: "t1", ratings: 4, scoreSum: 14, average: 3.5 }]);
    expect(r.sites).toEqual([
      { id: "demo", ratings: 4, scoreSum: 14, average: 3.5 },
      { id: "shop", ratings: 1, scoreSum: 1, average: 1 },
    ]);
    expect(r.all).toEqual({ id: "", ratings: 5, scoreSum: 15, average: 3 });
  });

  it("rounds the average to two decimals", () => {
    expect(ratingReport([g("s", "", "", 3, 13)]).all.average).toBe(4.33);
  });

  it("skips groups with no ratings", () => {
    expect(ratingReport([g("s", "t", "@a:hs", 0, 0)]).agents).toEqual([]);
  });
});

describe("ratingMetrics", () => {
  it("renders sum and count per agent, team and site", () => {
    const text = prometheusText(ratingMetrics(ratingReport([g("demo", "t1", "@a:hs", 2, 9)])));
    expect(text).toContain('sealdesk_agent_rating_score_sum{agent="@a:hs"} 9');
    expect(text).toContain('sealdesk_agent_rating_score_count{agent="@a:hs"} 2');
    expect(text).toContain('sealdesk_team_rating_score_count{team="t1"} 2');
    expect(text).toContain('sealdesk_site_rating_score_sum{site="demo"} 9');
    expect(text).toContain("# TYPE sealdesk_site_rating_score summary");
  });
});
