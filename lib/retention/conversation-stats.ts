/** What a conversation row and its assignments add to the counts kept after erasure. */
export type StatsInput = {
  siteId: string;
  teamId: string | null;
  agentUserId: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  firstAgentReplyAt: Date | null;
  assignments: number;
  /** The visitor's satisfaction score, when they rated it. */
  rating?: number | null;
};

/** One row of `conversation_stats`: counts per day, site, team and agent; no room, no visitor. */
export type StatsRow = {
  day: string;
  siteId: string;
  teamId: string;
  agentUserId: string;
  conversations: number;
  assignments: number;
  waitSecondsSum: number;
  waits: number;
  firstResponseSecondsSum: number;
  firstResponses: number;
  ratings: number;
  ratingScoreSum: number;
};

const seconds = (from: Date, to: Date | null): number | null => (to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null);

/**
 * The counts an erased conversation leaves behind (added to its day's row):
 * one conversation, its assignments, its wait until accepted and its time to
 * the first agent reply, as the metrics count them from live rows, and its
 * satisfaction score. Pure.
 */
export function conversationStats(c: StatsInput): StatsRow {
  const wait = seconds(c.createdAt, c.acceptedAt);
  const firstResponse = seconds(c.createdAt, c.firstAgentReplyAt);
  return {
    day: c.createdAt.toISOString().slice(0, 10),
    siteId: c.siteId,
    teamId: c.teamId ?? "",
    agentUserId: c.agentUserId ?? "",
    conversations: 1,
    assignments: c.assignments,
    waitSecondsSum: wait ?? 0,
    waits: wait === null ? 0 : 1,
    firstResponseSecondsSum: firstResponse ?? 0,
    firstResponses: firstResponse === null ? 0 : 1,
    ratings: typeof c.rating === "number" ? 1 : 0,
    ratingScoreSum: c.rating ?? 0,
  };
}

/** Seconds in a site's retention unit: a day, or one second in tests (`RETENTION_UNIT_SECONDS=1`). */
export function retentionUnitSeconds(testSeconds: boolean): number {
  return testSeconds ? 1 : 86_400;
}
