import { and, asc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { agentLoads, openLoadOf } from "../lib/conversation/agent-loads";
import { assignTo, closeConversation, endOpenAssignment, lockConversation } from "../lib/conversation/transitions";
import { decideRoute, eligibleAgents, type Availability } from "../lib/routing/decide-route";
import type { ConversationRouting } from "../lib/routing/routing-content";
import { standbyReaders } from "../lib/routing/standby-readers";

const { agents, assignments, conversations, routingTickets, sites } = schema;

/** A conversation whose room state lags behind the database. */
export type Unpublished = ConversationRouting & { roomId: string; version: number; visitorUserId: string };

/** The router's one data layer. */
export function createStore(databaseUrl: string) {
  const sqlClient = connectPostgres(databaseUrl, 4);
  const db = drizzle(sqlClient, { schema });

  /** Why each queued conversation waits, as of the last pass (for the router's log). */
  const waitReasons = new Map<string, string>();

  /** Routes one queued conversation under a row lock; "locked" when another router holds it or it moved on. */
  async function routeOne(roomId: string, now: Date): Promise<"assigned" | "queued" | "locked"> {
    return db.transaction(async (tx) => {
      const [c] = await tx.select().from(conversations).where(and(eq(conversations.roomId, roomId), eq(conversations.status, "queued"))).for("update", { skipLocked: true });
      if (!c) return "locked";
      const loads = await agentLoads(tx, now);
      const decision = decideRoute({ agents: loads, teamId: c.teamId, declinedBy: c.declinedBy });
      if (decision.kind !== "assign") {
        waitReasons.set(roomId, decision.reason);
        return "queued";
      }
      // Lock the agent and recount, so two routers never push an agent over capacity.
      const [agent] = await tx.select().from(agents).where(eq(agents.userId, decision.agentUserId)).for("update");
      if ((await openLoadOf(tx, agent.userId, now)) >= agent.maxConcurrent) return "queued";
      await assignTo(tx, roomId, agent.userId, now);
      const standby = standbyReaders(loads, { status: "assigned", teamId: c.teamId, declinedBy: c.declinedBy, agentUserId: agent.userId });
      await tx.update(conversations).set({ standbyUserIds: standby }).where(eq(conversations.roomId, roomId));
      return "assigned";
    });
  }

  return {
    /**
     * Records a conversation the router has seen in Matrix, in its site's team (a
     * no-op when already known). A room created with a routing ticket of this
     * visitor and site takes the ticket's decision (its readers were invited
     * with the room); any other ticket id is ignored and the room is routed as
     * it arrives. Returns false when the site is unknown.
     */
    async recordConversation(c: { roomId: string; siteId: string; visitorUserId: string; createdAt: Date; ticketId?: string }): Promise<boolean> {
      const [site] = await db.select({ teamId: sites.teamId }).from(sites).where(eq(sites.id, c.siteId));
      if (!site) return false;
      const { ticketId, ...row } = c;
      await db.transaction(async (tx) => {
        const [ticket] = ticketId
          ? await tx
              .select()
              .from(routingTickets)
              .where(
                and(
                  eq(routingTickets.id, ticketId),
                  eq(routingTickets.visitorUserId, c.visitorUserId),
                  eq(routingTickets.siteId, c.siteId),
                  // A ticket bound to a prepared room decides that room only.
                  sql`(${routingTickets.roomId} is null or ${routingTickets.roomId} = ${c.roomId})`,
                ),
              )
              .for("update")
          : [];
        const inserted = await tx
          .insert(conversations)
          .values({ ...row, teamId: ticket ? ticket.teamId : site.teamId, status: "queued", lastActivityAt: c.createdAt })
          .onConflictDoNothing()
          .returning({ roomId: conversations.roomId });
        if (!ticket) return;
        if (inserted.length > 0 && ticket.agentUserId) {
          // The no-show clock starts now, not at the ticket: a router that was down must not skip agents at once.
          await assignTo(tx, c.roomId, ticket.agentUserId, new Date());
          await tx.update(conversations).set({ standbyUserIds: ticket.standbyUserIds }).where(eq(conversations.roomId, c.roomId));
        }
        await tx.delete(routingTickets).where(eq(routingTickets.id, ticket.id));
      });
      return true;
    },

    /**
     * For prepared rooms (created before the visitor wrote) that show a start:
     * which are recorded already, and the ticket that started each of the others, if any.
     */
    async preparedRooms(roomIds: string[]): Promise<{ known: Set<string>; tickets: Map<string, { id: string; createdAt: Date }> }> {
      if (roomIds.length === 0) return { known: new Set(), tickets: new Map() };
      const known = await db.select({ roomId: conversations.roomId }).from(conversations).where(inArray(conversations.roomId, roomIds));
      const tickets = await db.select({ roomId: routingTickets.roomId, id: routingTickets.id, createdAt: routingTickets.createdAt }).from(routingTickets).where(inArray(routingTickets.roomId, roomIds));
      return { known: new Set(known.map((k) => k.roomId)), tickets: new Map(tickets.map((t) => [t.roomId!, { id: t.id, createdAt: t.createdAt }])) };
    },

    /** Forgets tickets whose room never came: their hold on agents' capacity ends. */
    async dropExpiredTickets(now: Date): Promise<void> {
      await db.delete(routingTickets).where(lt(routingTickets.expiresAt, now));
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
        const eligible = eligibleAgents({ agents: await agentLoads(tx, at), teamId: c.teamId, declinedBy: c.declinedBy }).some((a) => a.userId === userId);
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
      const loads = await agentLoads(db, new Date());
      return rows.map((c) => ({
        roomId: c.roomId,
        version: c.version,
        visitorUserId: c.visitorUserId,
        status: c.status,
        agentUserId: c.agentUserId,
        agentDisplayName: loads.find((a) => a.userId === c.agentUserId)?.displayName ?? null,
        // Stand-bys chosen with the assignment stay put: republishing must not reshuffle who holds the keys.
        standbyUserIds: c.status === "assigned" && c.standbyUserIds.length > 0 ? c.standbyUserIds : standbyReaders(loads, c),
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
