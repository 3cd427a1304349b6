import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { decideBatch } from "../routing/decide-batch";
import { lockAgentLoads } from "./agent-loads";
import type { Db } from "./transitions";

const { agents, conversations, routingTickets } = schema;

/** How long a ticket holds an agent's capacity waiting for its room. */
export const ROUTING_TICKET_TTL_MS = 120_000;

/** One visitor asking where its next conversation goes. */
export type TicketRequest = {
  visitorUserId: string;
  siteId: string;
  teamId: string | null;
  /** The room the visitor prepared for this conversation; the ticket is then bound to it. */
  roomId?: string;
};

/** A routing decision for a conversation whose room has no reader yet. */
export type IssuedTicket = {
  id: string;
  status: "assigned" | "queued";
  agentUserId: string | null;
  agentDisplayName: string | null;
  /** Who is invited: the agent first, then the stand-bys (or the whole team while queued). */
  readers: string[];
  expiresAt: Date;
};

/**
 * Decides, before any reader is in the visitor's room, who its conversation
 * goes to, with the same policy, capacity rules and arrival order as the
 * router ({@link decideBatch}): when older conversations of the team are
 * waiting, new ones wait too.
 *
 * Takes a batch (in arrival order) and decides it in one transaction: a burst
 * of new conversations costs one lock round and one load query, not one each.
 * The teams' advisory locks serialise deciders (app replicas); the agents'
 * rows are locked before their loads are read ({@link lockAgentLoads}), so the
 * router cannot assign to them meanwhile; and every decision in the batch sees
 * the ones before it (load and fair rotation), so nobody is pushed over capacity. A visitor has at
 * most one ticket: a new one replaces the last (the last request of a visitor
 * in a batch wins).
 */
export async function issueRoutingTickets(db: Db, requests: readonly TicketRequest[], now: Date): Promise<IssuedTicket[]> {
  if (requests.length === 0) return [];
  return db.transaction(async (tx) => {
    for (const team of [...new Set(requests.map((r) => r.teamId ?? ""))].sort()) {
      await tx.execute(sql`select pg_advisory_xact_lock(7331, hashtext(${team}))`);
    }
    await tx.delete(routingTickets).where(inArray(routingTickets.visitorUserId, [...new Set(requests.map((r) => r.visitorUserId))]));
    const waiting = await tx
      .selectDistinct({ teamId: conversations.teamId })
      .from(conversations)
      .where(and(eq(conversations.status, "queued"), sql`cardinality(${conversations.declinedBy}) = 0`));
    const loads = await lockAgentLoads(tx, now);
    const decisions = decideBatch({
      agents: loads,
      conversations: requests.map((r) => ({ teamId: r.teamId, declinedBy: [] })),
      teamsWithQueue: waiting.map((w) => w.teamId),
      now: now.getTime(),
    });
    const issued: IssuedTicket[] = [];
    const rows: (typeof routingTickets.$inferInsert)[] = [];
    const byVisitor = new Map<string, number>();
    requests.forEach((req, i) => {
      const decision = decisions[i];
      if (!decision) throw new Error(`decideBatch answered ${decisions.length} decisions for ${requests.length} requests`);
      const agent = decision.kind === "assign" ? (loads.find((a) => a.userId === decision.agentUserId) ?? null) : null;
      const standby = decision.kind === "refuse" ? [] : decision.standbyUserIds;
      const id = randomBytes(18).toString("base64url");
      const expiresAt = new Date(now.getTime() + ROUTING_TICKET_TTL_MS);
      byVisitor.set(req.visitorUserId, rows.length);
      rows.push({
        id,
        visitorUserId: req.visitorUserId,
        siteId: req.siteId,
        teamId: req.teamId,
        agentUserId: agent?.userId ?? null,
        standbyUserIds: standby,
        roomId: req.roomId ?? null,
        createdAt: now,
        expiresAt,
      });
      issued.push({
        id,
        status: agent ? "assigned" : "queued",
        agentUserId: agent?.userId ?? null,
        agentDisplayName: agent?.displayName ?? null,
        // The agent first: the widget invites in this order, so the agent's invite is never behind the stand-bys'.
        readers: [...new Set([...(agent ? [agent.userId] : []), ...standby])],
        expiresAt,
      });
    });
    const kept = rows.filter((r, i) => byVisitor.get(r.visitorUserId) === i);
    await tx.insert(routingTickets).values(kept);
    const assigned = [...new Set(kept.map((r) => r.agentUserId).filter((a): a is string => a !== null))];
    if (assigned.length > 0) await tx.update(agents).set({ lastAssignedAt: now }).where(inArray(agents.userId, assigned));
    return issued;
  });
}
