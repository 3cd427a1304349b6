import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import { decideRoute } from "../routing/decide-route";
import { standbyReaders } from "../routing/standby-readers";
import { agentLoads, openLoadOf } from "./agent-loads";
import type { Db } from "./transitions";

const { agents, conversations, routingTickets } = schema;

/** How long a ticket holds an agent's capacity waiting for its room. */
export const ROUTING_TICKET_TTL_MS = 120_000;

/** A routing decision for a room that does not exist yet. */
export type IssuedTicket = {
  id: string;
  status: "assigned" | "queued";
  agentUserId: string | null;
  agentDisplayName: string | null;
  /** Who the room is created with invited: the agent and stand-bys, or the whole team while queued. */
  readers: string[];
  expiresAt: Date;
};

/**
 * Decides, before the visitor's room exists, who it goes to, with the same
 * policy, capacity rules and arrival order as the router: when older
 * conversations of the team are waiting, this one waits too. Decisions for one
 * team are serialised by a transaction-scoped advisory lock, and the agent's row
 * is locked and recounted, so neither a burst nor a second app replica nor the
 * router pushes an agent over capacity. A visitor has at most one ticket: a new
 * one replaces the last.
 */
export async function issueRoutingTicket(db: Db, req: { visitorUserId: string; siteId: string; teamId: string | null; now: Date }): Promise<IssuedTicket> {
  const { visitorUserId, siteId, teamId, now } = req;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7331, hashtext(${teamId ?? ""}))`);
    await tx.delete(routingTickets).where(eq(routingTickets.visitorUserId, visitorUserId));
    const [olderWaiting] = await tx
      .select({ roomId: conversations.roomId })
      .from(conversations)
      .where(and(eq(conversations.status, "queued"), sql`${conversations.teamId} is not distinct from ${teamId}`, sql`cardinality(${conversations.declinedBy}) = 0`))
      .limit(1);
    const loads = await agentLoads(tx, now);
    let agent: (typeof loads)[number] | null = null;
    const decision = olderWaiting ? null : decideRoute({ agents: loads, teamId, declinedBy: [] });
    if (decision?.kind === "assign") {
      const [locked] = await tx.select().from(agents).where(eq(agents.userId, decision.agentUserId)).for("update");
      if (locked && (await openLoadOf(tx, locked.userId, now)) < locked.maxConcurrent) agent = loads.find((a) => a.userId === locked.userId) ?? null;
    }
    const status = agent ? "assigned" : "queued";
    const standby = standbyReaders(loads, { status, teamId, declinedBy: [], agentUserId: agent?.userId ?? null });
    const id = randomBytes(18).toString("base64url");
    const expiresAt = new Date(now.getTime() + ROUTING_TICKET_TTL_MS);
    await tx.insert(routingTickets).values({ id, visitorUserId, siteId, teamId, agentUserId: agent?.userId ?? null, standbyUserIds: standby, createdAt: now, expiresAt });
    // Fair rotation holds within a burst: the next ticket sees this agent as just assigned.
    if (agent) await tx.update(agents).set({ lastAssignedAt: now }).where(eq(agents.userId, agent.userId));
    return {
      id,
      status,
      agentUserId: agent?.userId ?? null,
      agentDisplayName: agent?.displayName ?? null,
      readers: [...new Set([...(agent ? [agent.userId] : []), ...standby])].sort(),
      expiresAt,
    };
  });
}
