import { and, asc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { assignTo, closeConversation, endOpenAssignment, lockConversation, type Db } from "../lib/conversation/transitions";
import { decideRoute, eligibleAgents, rankAgents, type AgentLoad, type Availability } from "../lib/routing/decide-route";
import type { ConversationRouting } from "../lib/routing/routing-content";

const { agents, assignments, conversations, sites, teamMembers } = schema;

/** A conversation whose room state lags behind the database. */
export type Unpublished = ConversationRouting & { roomId: string; version: number; visitorUserId: string };

/** Stand-by readers: every possible taker while queued; the next two candidates while assigned. */
function standby(loads: AgentLoad[], c: typeof conversations.$inferSelect): string[] {
  const input = { agents: loads, teamId: c.teamId, declinedBy: c.declinedBy };
  if (c.status === "queued") return eligibleAgents(input).slice(0, 100).map((a) => a.userId);
  if (c.status !== "assigned") return [];
  return rankAgents({ ...input, declinedBy: [...c.declinedBy, ...(c.agentUserId ? [c.agentUserId] : [])] })
    .slice(0, 2)
    .map((a) => a.userId);
}

/** The router's one data layer. */
export function createStore(databaseUrl: string) {
  const sqlClient = connectPostgres(databaseUrl, 4);
  const db = drizzle(sqlClient, { schema });

  async function agentLoads(tx: Db): Promise<(AgentLoad & { displayName: string })[]> {
    const rows = await tx
      .select({
        userId: agents.userId,
        displayName: agents.displayName,
        availability: agents.availability,
        maxConcurrent: agents.maxConcurrent,
        lastAssignedAt: agents.lastAssignedAt,
        openCount: sql<number>`(select count(*)::int from ${conversations} c where c.agent_user_id = ${agents.userId} and c.status in ('assigned', 'active'))`,
        teams: sql<string[]>`coalesce((select array_agg(tm.team_id) from ${teamMembers} tm where tm.agent_user_id = ${agents.userId}), '{}')`,
      })
      .from(agents);
    return rows.map((a) => ({ ...a, lastAssignedAt: a.lastAssignedAt?.getTime() ?? null }));
  }

  /** Why each queued conversation waits, as of the last pass (for the router's log). */
  const waitReasons = new Map<string, string>();

  /** Routes one queued conversation under a row lock; "locked" when another router holds it or it moved on. */
  async function routeOne(roomId: string, now: Date): Promise<"assigned" | "queued" | "locked"> {
    return db.transaction(async (tx) => {
      const [c] = await tx.select().from(conversations).where(and(eq(conversations.roomId, roomId), eq(conversations.status, "queued"))).for("update", { skipLocked: true });
      if (!c) return "locked";
      const decision = decideRoute({ agents: await agentLoads(tx), teamId: c.teamId, declinedBy: c.declinedBy });
      if (decision.kind !== "assign") {
        waitReasons.set(roomId, decision.reason);
        return "queued";
      }
      // Lock the agent and recount, so two routers never push an agent over capacity.
      const [agent] = await tx.select().from(agents).where(eq(agents.userId, decision.agentUserId)).for("update");
      const [{ open }] = await tx
        .select({ open: sql<number>`count(*)::int` })
        .from(conversations)
        .where(and(eq(conversations.agentUserId, agent.userId), inArray(conversations.status, ["assigned", "active"])));
      if (open >= agent.maxConcurrent) return "queued";
      await assignTo(tx, roomId, agent.userId, now);
      return "assigned";
    });
  }

  return {
    /**
     * Records a conversation the router has seen in Matrix, in its site's team (a
     * no-op when already known). Returns false when the site is unknown.
     */
    async recordConversation(c: { roomId: string; siteId: string; visitorUserId: string; createdAt: Date }): Promise<boolean> {
      const [site] = await db.select({ teamId: sites.teamId }).from(sites).where(eq(sites.id, c.siteId));
      if (!site) return false;
      await db
        .insert(conversations)
        .values({ ...c, teamId: site.teamId, status: "queued", lastActivityAt: c.createdAt })
        .onConflictDoNothing();
      return true;
    },

    /**
     * Assigns queued conversations oldest first; returns how many were assigned.
     * Once an older conversation of a team has to wait, younger ones of that team
     * wait too in this pass, so an agent who frees up mid-pass takes the oldest.
     */
    async assignQueued(now: Date): Promise<number> {
      const queued = await db
        .select({ roomId: conversations.roomId, teamId: conversations.teamId, declinedBy: conversations.declinedBy })
        .from(conversations)
        .where(eq(conversations.status, "queued"))
        .orderBy(asc(conversations.createdAt))
        .limit(200);
      const waiting = new Set<string | null>();
      let assigned = 0;
      for (const c of queued) {
        if (waiting.has(c.teamId)) continue;
        const outcome = await routeOne(c.roomId, now);
        if (outcome === "assigned") assigned++;
        // One that others declined may wait for reasons of its own: it does not hold the team back.
        else if (outcome === "queued" && c.declinedBy.length === 0) waiting.add(c.teamId);
      }
      return assigned;
    },

    waitReasons,

    /** Open conversations, for reconciling them with room membership. */
    openConversations() {
      return db.select().from(conversations).where(ne(conversations.status, "closed"));
    },

    /**
     * An agent joined the room. The assigned agent accepts; another eligible
     * agent joining an unaccepted conversation claims it. Returns false when
     * the member is not entitled to be there (the router then removes them).
     */
    async memberJoined(roomId: string, userId: string, at: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const c = await lockConversation(tx, roomId);
        if (!c || c.status === "closed") return true;
        if (c.agentUserId === userId) {
          if (c.status === "assigned") {
            await tx.update(assignments).set({ acceptedAt: at }).where(and(eq(assignments.roomId, roomId), isNull(assignments.endedAt)));
            await tx.update(conversations).set({ status: "active", acceptedAt: at, version: sql`${conversations.version} + 1` }).where(eq(conversations.roomId, roomId));
          }
          return true;
        }
        if (c.status === "active") return false;
        const eligible = eligibleAgents({ agents: await agentLoads(tx), teamId: c.teamId, declinedBy: c.declinedBy }).some((a) => a.userId === userId);
        if (!eligible) return false;
        await endOpenAssignment(tx, roomId, "claimed_by_other", at);
        await assignTo(tx, roomId, userId, at, true);
        return true;
      });
    },

    /** The assigned agent declined (rejected the invite) or did not show up in time: back to the queue. */
    async releaseAssignment(roomId: string, agentUserId: string, outcome: "declined" | "no_show", at: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const c = await lockConversation(tx, roomId);
        if (!c || c.status !== "assigned" || c.agentUserId !== agentUserId) return;
        await endOpenAssignment(tx, roomId, outcome, at);
        await tx
          .update(conversations)
          .set({ status: "queued", agentUserId: null, assignedAt: null, declinedBy: sql`array_append(${conversations.declinedBy}, ${agentUserId})`, version: sql`${conversations.version} + 1` })
          .where(eq(conversations.roomId, roomId));
      });
    },

    /** Conversations whose assigned agent has not accepted since before `cutoff`. */
    noShows(cutoff: Date) {
      return db.select({ roomId: conversations.roomId, agentUserId: conversations.agentUserId }).from(conversations).where(and(eq(conversations.status, "assigned"), lt(conversations.assignedAt, cutoff)));
    },

    /** Closes conversations with no event since before `cutoff`; returns their room ids. */
    async closeInactive(cutoff: Date, now: Date): Promise<string[]> {
      const stale = await db.select({ roomId: conversations.roomId }).from(conversations).where(and(ne(conversations.status, "closed"), lt(conversations.lastActivityAt, cutoff)));
      for (const { roomId } of stale) await db.transaction((tx) => closeConversation(tx, roomId, "inactivity", now));
      return stale.map((s) => s.roomId);
    },

    close: (roomId: string, reason: "agent" | "visitor" | "inactivity", at: Date) => db.transaction((tx) => closeConversation(tx, roomId, reason, at)),

    /** Metadata only: who sent an event and when. */
    async recordActivity(roomId: string, sender: string, at: Date): Promise<void> {
      await db
        .update(conversations)
        .set({
          lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${at.toISOString()}::timestamptz)`,
          firstAgentReplyAt: sql`case when ${conversations.firstAgentReplyAt} is null and ${conversations.agentUserId} = ${sender} then ${at.toISOString()}::timestamptz else ${conversations.firstAgentReplyAt} end`,
        })
        .where(eq(conversations.roomId, roomId));
    },

    /** Conversations whose routing state must be (re)published to their rooms. */
    async unpublished(): Promise<Unpublished[]> {
      const rows = await db.select().from(conversations).where(gt(conversations.version, conversations.publishedVersion)).limit(200);
      if (rows.length === 0) return [];
      const loads = await agentLoads(db);
      return rows.map((c) => ({
        roomId: c.roomId,
        version: c.version,
        visitorUserId: c.visitorUserId,
        status: c.status,
        agentUserId: c.agentUserId,
        agentDisplayName: loads.find((a) => a.userId === c.agentUserId)?.displayName ?? null,
        standbyUserIds: standby(loads, c),
        closedReason: (c.closedReason as Unpublished["closedReason"]) ?? null,
      }));
    },

    async markPublished(roomId: string, version: number): Promise<void> {
      await db.update(conversations).set({ publishedVersion: sql`greatest(${conversations.publishedVersion}, ${version})` }).where(eq(conversations.roomId, roomId));
    },

    /** Agents (for control rooms: availability from a plain Matrix client). */
    listAgents: () => db.select().from(agents),
    setControlRoom: (userId: string, roomId: string) => db.update(agents).set({ controlRoomId: roomId }).where(eq(agents.userId, userId)),
    setAvailability: (userId: string, availability: Availability) => db.update(agents).set({ availability }).where(eq(agents.userId, userId)),

    end: () => sqlClient.end(),
  };
}

export type Store = ReturnType<typeof createStore>;
