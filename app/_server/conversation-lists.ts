import "server-only";
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { ConversationSummary } from "../../lib/console-api/conversation-summary";
import { db, schema } from "./db";

const { agents, conversations, sites, teamMembers } = schema;

const LIMIT = 500;

function summaries(where: ReturnType<typeof and>) {
  return db()
    .select({
      roomId: conversations.roomId,
      siteId: conversations.siteId,
      siteName: sites.name,
      visitorUserId: conversations.visitorUserId,
      status: conversations.status,
      agentUserId: conversations.agentUserId,
      agentName: agents.displayName,
      createdAt: conversations.createdAt,
      waitSeconds: sql<number>`extract(epoch from (coalesce(${conversations.acceptedAt}, now()) - ${conversations.createdAt}))::int`,
    })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .leftJoin(agents, eq(agents.userId, conversations.agentUserId))
    .where(where)
    .orderBy(asc(conversations.createdAt))
    .limit(LIMIT);
}

const toJson = (rows: Awaited<ReturnType<typeof summaries>>): ConversationSummary[] => rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));

/**
 * Conversations waiting for an agent that this agent may take: queued, in one
 * of the agent's teams (or in no team), not declined by the agent. Oldest first.
 */
export async function listQueue(agentUserId: string): Promise<ConversationSummary[]> {
  const myTeams = db().select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.agentUserId, agentUserId));
  return toJson(
    await summaries(
      and(
        eq(conversations.status, "queued"),
        or(isNull(conversations.teamId), inArray(conversations.teamId, myTeams)),
        sql`not (${agentUserId} = any(${conversations.declinedBy}))`,
      ),
    ),
  );
}

/**
 * The open conversations of a team, for its supervisor's Team view: metadata
 * only. They read a conversation only once the visitor's browser (or the
 * agent's) has invited them as a declared reader and shared the keys.
 */
export async function listTeam(teamId: string): Promise<ConversationSummary[]> {
  return toJson(await summaries(and(ne(conversations.status, "closed"), eq(conversations.teamId, teamId))));
}

/** Every open conversation, for operators (oldest first). */
export async function listAllOpen(): Promise<ConversationSummary[]> {
  return toJson(await summaries(and(ne(conversations.status, "closed"))));
}
