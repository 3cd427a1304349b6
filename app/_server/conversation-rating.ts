import "server-only";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import type { Db } from "../../lib/conversation/transitions";
import { userOfToken } from "../../lib/matrix/user-of-token";
import { ratingGroups, recordRating } from "../../lib/rating/record-rating";
import { ratingReport, type RatingReport } from "../../lib/rating/rating-report";
import type { RatingBody } from "../../lib/rating/rating-request";
import { db, schema } from "./db";
import { env } from "./env";
import { countAttempt } from "./rate-limit";
import { Refusal } from "./refusal";

const HOUR = 3_600_000;

/**
 * The visitor (by their Matrix token) rates their own closed conversation:
 * the score only, stored as disclosed metadata; the comment goes encrypted
 * into the room from the widget and never reaches us.
 */
export async function rateConversation(accessToken: string, body: RatingBody): Promise<{ room_id: string; score: number }> {
  const userId = await userOfToken(env().SYNAPSE_URL, accessToken);
  if (!userId) throw new Refusal(401, "Unknown or expired visitor token");
  if (!isVisitorUserId(userId)) throw new Refusal(403, "Only visitor accounts rate conversations");
  const counted = await countAttempt(`visitor-rating:${userId}`, 30, HOUR);
  if (!counted.ok) throw new Refusal(429, "Too many requests; try again later", { "retry-after": String(counted.retryAfterSeconds) });
  const result = await recordRating(db() as unknown as Db, userId, body, new Date());
  if ("status" in result) throw new Refusal(result.status, result.message);
  return { room_id: body.room_id, score: result.score };
}

/** Ratings per agent, team and site (live and erased conversations), for the metrics page and `/metrics`. */
export async function ratingsReport(): Promise<RatingReport> {
  return ratingReport(await ratingGroups(db() as unknown as Db));
}

/** Team and site names by id, for the metrics page's table (an erased team or site shows its id). */
export async function teamAndSiteNames(): Promise<{ teams: Map<string, string>; sites: Map<string, string> }> {
  const teams = await db().select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams);
  const sites = await db().select({ id: schema.sites.id, name: schema.sites.name }).from(schema.sites);
  return { teams: new Map(teams.map((t) => [t.id, t.name])), sites: new Map(sites.map((t) => [t.id, t.name])) };
}
