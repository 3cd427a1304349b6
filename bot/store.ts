import { and, asc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../drizzle/schema";
import { decideRoute, type AgentLoad, type RouteDecision } from "../lib/routing/decide-route";

/** An assignment the router committed and must publish to the room. */
export type Assignment = { roomId: string; agentUserId: string; agentDisplayName: string; assignedAt: Date };

/** The router's one data layer. */
export function createStore(databaseUrl: string) {
  const sqlClient = postgres(databaseUrl, { max: 3, onnotice: () => {} });
  const db = drizzle(sqlClient, { schema });

  return {
    /** Records a conversation the router has seen in Matrix; a no-op when already known. */
    async recordConversation(c: { roomId: string; siteId: string; visitorUserId: string; createdAt: Date }): Promise<void> {
      await db.insert(schema.conversations).values({ ...c, status: "queued" }).onConflictDoNothing();
    },

    async siteExists(siteId: string): Promise<boolean> {
      const rows = await db.select({ id: schema.sites.id }).from(schema.sites).where(eq(schema.sites.id, siteId));
      return rows.length > 0;
    },

    /**
     * Assigns the oldest queued conversation, if any agent can take it. The row
     * lock (FOR UPDATE SKIP LOCKED) makes concurrent routers pick different
     * conversations and never assign one twice.
     */
    async assignNext(now: Date): Promise<Assignment | RouteDecision | null> {
      return db.transaction(async (tx) => {
        const [next] = await tx
          .select()
          .from(schema.conversations)
          .where(eq(schema.conversations.status, "queued"))
          .orderBy(asc(schema.conversations.createdAt))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!next) return null;
        const agents = await tx
          .select({
            userId: schema.agents.userId,
            displayName: schema.agents.displayName,
            availability: schema.agents.availability,
            maxConcurrent: schema.agents.maxConcurrent,
            lastAssignedAt: schema.agents.lastAssignedAt,
            openCount: sql<number>`(select count(*)::int from ${schema.conversations} c where c.agent_user_id = ${schema.agents.userId} and c.status = 'assigned')`,
          })
          .from(schema.agents);
        const loads: AgentLoad[] = agents.map((a) => ({ ...a, lastAssignedAt: a.lastAssignedAt?.getTime() ?? null }));
        const decision = decideRoute({ agents: loads });
        if (decision.kind !== "assign") return decision;
        await tx
          .update(schema.conversations)
          .set({ status: "assigned", agentUserId: decision.agentUserId, assignedAt: now })
          .where(and(eq(schema.conversations.roomId, next.roomId), eq(schema.conversations.status, "queued")));
        await tx.update(schema.agents).set({ lastAssignedAt: now }).where(eq(schema.agents.userId, decision.agentUserId));
        const agent = agents.find((a) => a.userId === decision.agentUserId)!;
        return { roomId: next.roomId, agentUserId: agent.userId, agentDisplayName: agent.displayName, assignedAt: now };
      });
    },

    /** Assignments that should be visible in their rooms (used to re-publish after a crash). */
    async openAssignments(): Promise<Assignment[]> {
      const rows = await db
        .select({ roomId: schema.conversations.roomId, agentUserId: schema.conversations.agentUserId, assignedAt: schema.conversations.assignedAt, agentDisplayName: schema.agents.displayName })
        .from(schema.conversations)
        .innerJoin(schema.agents, eq(schema.agents.userId, schema.conversations.agentUserId))
        .where(eq(schema.conversations.status, "assigned"));
      return rows.map((r) => ({ roomId: r.roomId, agentUserId: r.agentUserId!, agentDisplayName: r.agentDisplayName, assignedAt: r.assignedAt ?? new Date(0) }));
    },

    close: () => sqlClient.end(),
  };
}

export type Store = ReturnType<typeof createStore>;
