import { eq, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import { lockConversation, type Db } from "../conversation/transitions";
import { emitConversationEvent } from "../integrations/emit-event";
import { ratingRefusal, type RatingBody, type RatingRefusal } from "./rating-request";
import type { RatingGroup } from "./rating-report";

const { conversationRatings } = schema;

/**
 * Stores a visitor's score for their closed conversation, once, and queues the
 * `conversation.rated` webhook (score and ids, no comment: there is none here)
 * in the same transaction. Under the conversation's row lock, so two
 * concurrent ratings cannot both pass the checks; the primary key would refuse
 * a second row anyway. Answers the refusal instead when {@link ratingRefusal} says no
 * (nothing changed then).
 */
export async function recordRating(db: Db, caller: string, body: RatingBody, at: Date): Promise<RatingRefusal | { score: number }> {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, body.room_id);
    const [existing] = c
      ? await tx.select({ score: conversationRatings.score }).from(conversationRatings).where(eq(conversationRatings.roomId, body.room_id))
      : [];
    const refusal = ratingRefusal({ caller, conversation: c ?? null, alreadyRated: !!existing });
    if (refusal) return refusal;
    await tx.insert(conversationRatings).values({ roomId: body.room_id, score: body.score, ratedAt: at });
    await emitConversationEvent(tx, "conversation.rated", body.room_id, at, { score: body.score });
    return { score: body.score };
  });
}

/**
 * Rating groups for the report: live ratings by their conversation's site,
 * team and agent, and what erased conversations left in `conversation_stats`.
 */
export async function ratingGroups(db: Db): Promise<RatingGroup[]> {
  const rows = await db.execute<{ site_id: string; team_id: string; agent_user_id: string; ratings: number; score_sum: number }>(sql`
    select c.site_id, coalesce(c.team_id, '') as team_id, coalesce(c.agent_user_id, '') as agent_user_id, count(*)::int as ratings, sum(r.score)::int as score_sum
    from conversation_ratings r join conversations c on c.room_id = r.room_id
    group by 1, 2, 3
    union all
    select site_id, team_id, agent_user_id, sum(ratings)::int, sum(rating_score_sum)::int
    from conversation_stats where ratings > 0
    group by 1, 2, 3`);
  // postgres.js answers the rows as an array, PGlite as `{ rows }`.
  type Row = { site_id: string; team_id: string; agent_user_id: string; ratings: number; score_sum: number };
  const list: Row[] = Array.isArray(rows) ? (rows as Row[]) : (rows as unknown as { rows: Row[] }).rows;
  return list.map((r) => ({ siteId: r.site_id, teamId: r.team_id, agentUserId: r.agent_user_id, ratings: Number(r.ratings), scoreSum: Number(r.score_sum) }));
}
