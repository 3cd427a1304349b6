import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentLoads } from "../lib/conversation/agent-loads";
import { assignQueued } from "../lib/conversation/assign-queued";
import { emitConversationEvent } from "../lib/integrations/emit-event";
import { assignTo, closeConversation, endOpenAssignment, lockConversation, requeueWithout, type Db } from "../lib/conversation/transitions";
import { eligibleAgents } from "../lib/routing/decide-route";
import { standbyReaders } from "../lib/routing/standby-readers";
import { teamSupervisors } from "../lib/conversation/team-supervisors";
import type { ClosedConversation, NewConversation, OpenConversation, RouterStore, Unpublished } from "./router-store";

const { abandonedRooms, agents, assignments, conversations, preparedRooms, routingTickets, sites } = schema;

/**
 * Records a conversation in its site's team. A room created with a routing
 * ticket of this visitor and site takes the ticket's decision (its readers were
 * invited with the room); any other ticket id is ignored and the room is
 * routed as it arrives.
 */
async function recordConversation(db: Db, c: NewConversation): Promise<boolean> {
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
    // Invited back into a prepared room it had left: not abandoned any more, so never purged as such.
    if (inserted.length > 0) await tx.delete(abandonedRooms).where(eq(abandonedRooms.roomId, c.roomId));
    // A conversation now: no ticket is issued for it without asking Synapse again.
    await tx.delete(preparedRooms).where(eq(preparedRooms.roomId, c.roomId));
    if (inserted.length > 0) await emitConversationEvent(tx, "conversation.started", c.roomId, new Date());
    if (!ticket) return;
    if (inserted.length > 0 && ticket.agentUserId) {
      // The no-show clock starts now, not at the ticket: a router that was down must not skip agents at once.
      await assignTo(tx, c.roomId, ticket.agentUserId, new Date());
      await tx.update(conversations).set({ standbyUserIds: ticket.standbyUserIds }).where(eq(conversations.roomId, c.roomId));
    }
    await tx.delete(routingTickets).where(eq(routingTickets.id, ticket.id));
  });
  return true;
}

/** The assigned agent accepts; another eligible agent joining an unaccepted conversation claims it. */
async function memberJoined(db: Db, roomId: string, userId: string, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, roomId);
    if (!c || c.status === "closed") return true;
    if (c.agentUserId === userId) {
      if (c.status === "assigned") {
        await tx
          .update(assignments)
          .set({ acceptedAt: at })
          .where(and(eq(assignments.roomId, roomId), isNull(assignments.endedAt)));
        await tx
          .update(conversations)
          .set({ status: "active", acceptedAt: at, version: sql`${conversations.version} + 1` })
          .where(eq(conversations.roomId, roomId));
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
}

async function releaseAssignment(db: Db, roomId: string, agentUserId: string, outcome: "declined" | "no_show", at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await lockConversation(tx, roomId);
    if (!c || c.status !== "assigned" || c.agentUserId !== agentUserId) return;
    await requeueWithout(tx, roomId, agentUserId, outcome, at);
  });
}

/** Reopens a conversation closed at `closedAt` by an agent or inactivity (see `reconcile/plan-closed.ts`). */
async function reopen(db: Db, roomId: string, agentUserId: string | null, at: Date, closedAt: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, roomId);
    if (!c || c.status !== "closed" || c.closedReason === "visitor" || c.routerLeftAt || c.closedAt?.getTime() !== closedAt.getTime()) return false;
    await tx.update(conversations).set({ closedAt: null, closedReason: null, lastActivityAt: at }).where(eq(conversations.roomId, roomId));
    // Back to the agent who had it (they are still in the room); else the queue, as any new conversation.
    if (agentUserId) await assignTo(tx, roomId, agentUserId, at, true);
    else
      await tx
        .update(conversations)
        .set({ status: "queued", agentUserId: null, assignedAt: null, acceptedAt: null, version: sql`${conversations.version} + 1` })
        .where(eq(conversations.roomId, roomId));
    await emitConversationEvent(tx, "conversation.reopened", roomId, at);
    return true;
  });
}

async function unpublished(db: Db): Promise<Unpublished[]> {
  const rows = await db.select().from(conversations).where(gt(conversations.version, conversations.publishedVersion)).limit(200);
  if (rows.length === 0) return [];
  const [loads, supervisors] = await Promise.all([agentLoads(db, new Date()), teamSupervisors(db)]);
  return rows.map((c) => ({
    roomId: c.roomId,
    version: c.version,
    visitorUserId: c.visitorUserId,
    status: c.status,
    agentUserId: c.agentUserId,
    agentDisplayName: loads.find((a) => a.userId === c.agentUserId)?.displayName ?? null,
    // Stand-bys chosen with the assignment stay put: republishing must not reshuffle who holds the keys.
    standbyUserIds: c.status === "assigned" && c.standbyUserIds.length > 0 ? c.standbyUserIds : standbyReaders(loads, c),
    supervisorUserIds: c.teamId ? (supervisors.current.get(c.teamId) ?? []) : [],
    teamId: c.teamId,
    closedReason: (c.closedReason as Unpublished["closedReason"]) ?? null,
  }));
}

/** Recording arrivals: prepared rooms, routing tickets, the queue and open conversations. */
function arrivalMethods(db: Db) {
  return {
    recordConversation: (c) => recordConversation(db, c),
    async preparedRooms(roomIds) {
      if (roomIds.length === 0) return { known: new Set(), tickets: new Map() };
      const known = await db
        .select({ roomId: conversations.roomId })
        .from(conversations)
        .where(inArray(conversations.roomId, [...roomIds]));
      const tickets = await db
        .select({ roomId: routingTickets.roomId, id: routingTickets.id, createdAt: routingTickets.createdAt })
        .from(routingTickets)
        .where(inArray(routingTickets.roomId, [...roomIds]));
      return { known: new Set(known.map((k) => k.roomId)), tickets: new Map(tickets.map((t) => [t.roomId!, { id: t.id, createdAt: t.createdAt }])) };
    },
    async dropExpiredTickets(now) {
      await db.delete(routingTickets).where(lt(routingTickets.expiresAt, now));
    },
    assignQueued: (now) => assignQueued(db, now),
    async openConversations() {
      const cols = {
        roomId: conversations.roomId,
        visitorUserId: conversations.visitorUserId,
        status: conversations.status,
        agentUserId: conversations.agentUserId,
        assignedAt: conversations.assignedAt,
        lastActivityAt: conversations.lastActivityAt,
        teamId: conversations.teamId,
      };
      const [rows, supervisors] = await Promise.all([db.select(cols).from(conversations).where(ne(conversations.status, "closed")), teamSupervisors(db)]);
      return rows.map(({ teamId, ...c }) => ({
        ...(c as Omit<OpenConversation, "supervisorUserIds" | "formerSupervisors">),
        supervisorUserIds: teamId ? (supervisors.current.get(teamId) ?? []) : [],
        formerSupervisors: teamId ? (supervisors.former.get(teamId) ?? []) : [],
      }));
    },
    memberJoined: (roomId, userId, at) => memberJoined(db, roomId, userId, at),
    releaseAssignment: (roomId, agentUserId, outcome, at) => releaseAssignment(db, roomId, agentUserId, outcome, at),
    async recordActivity(roomId, sender, at) {
      await db
        .update(conversations)
        .set({
          lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${at.toISOString()}::timestamptz)`,
          firstAgentReplyAt: sql`case when ${conversations.firstAgentReplyAt} is null and ${conversations.agentUserId} = ${sender} then ${at.toISOString()}::timestamptz else ${conversations.firstAgentReplyAt} end`,
        })
        .where(eq(conversations.roomId, roomId));
    },
  } satisfies Partial<RouterStore>;
}

/** Closing, reopening and leaving: the lifecycle after a conversation ends. */
function closingMethods(db: Db) {
  return {
    async close(roomId, reason, at) {
      await db.transaction((tx) => closeConversation(tx, roomId, reason, at));
    },
    async closeInactive(roomId, cutoff, at) {
      await db.transaction(async (tx) => {
        const c = await lockConversation(tx, roomId);
        if (c && c.lastActivityAt < cutoff) await closeConversation(tx, roomId, "inactivity", at);
      });
    },
    async closedNotLeft() {
      const cols = {
        roomId: conversations.roomId,
        visitorUserId: conversations.visitorUserId,
        agentUserId: conversations.agentUserId,
        closedAt: conversations.closedAt,
        closedReason: conversations.closedReason,
        published: sql<boolean>`${conversations.publishedVersion} >= ${conversations.version}`,
      };
      const rows = await db
        .select(cols)
        .from(conversations)
        .where(and(eq(conversations.status, "closed"), isNull(conversations.routerLeftAt)))
        .orderBy(asc(conversations.closedAt))
        .limit(500);
      return rows.filter((r): r is ClosedConversation => r.closedAt !== null);
    },
    reopen: (roomId, agentUserId, at, closedAt) => reopen(db, roomId, agentUserId, at, closedAt),
    async markLeft(roomId, at) {
      await db
        .update(conversations)
        .set({ routerLeftAt: at })
        .where(and(eq(conversations.roomId, roomId), eq(conversations.status, "closed")));
    },
    async notePreparedRooms(remember, forget, at) {
      if (remember.length > 0)
        await db
          .insert(preparedRooms)
          .values(remember.map((r) => ({ ...r, seenAt: at })))
          .onConflictDoUpdate({ target: preparedRooms.roomId, set: { visitorUserId: sql`excluded.visitor_user_id`, seenAt: at } });
      if (forget.length > 0) await db.delete(preparedRooms).where(inArray(preparedRooms.roomId, [...forget]));
    },
    async recordAbandoned(roomId, visitorUserId, at) {
      // The router is not in the room any more: it cannot see the visitor leave, so the record goes.
      await db.delete(preparedRooms).where(eq(preparedRooms.roomId, roomId));
      // Unless it became a conversation meanwhile (then the conversation's retention applies).
      const [known] = await db.select({ roomId: conversations.roomId }).from(conversations).where(eq(conversations.roomId, roomId));
      if (!known)
        await db
          .insert(abandonedRooms)
          .values({ roomId, visitorUserId, leftAt: at })
          .onConflictDoUpdate({ target: abandonedRooms.roomId, set: { leftAt: at } });
    },
  } satisfies Partial<RouterStore>;
}

/** Publishing routing state, and the agents' control rooms and availability. */
function publishingMethods(db: Db) {
  return {
    unpublished: () => unpublished(db),
    async markPublished(roomId, version) {
      await db
        .update(conversations)
        .set({ publishedVersion: sql`greatest(${conversations.publishedVersion}, ${version})` })
        .where(eq(conversations.roomId, roomId));
    },
    // Offboarded agents get no status room (their account is deactivated).
    listAgents: () =>
      db
        .select({ userId: agents.userId, availability: agents.availability, controlRoomId: agents.controlRoomId })
        .from(agents)
        .where(isNull(agents.offboardedAt)),
    // People, not conversations: a short list however long the history.
    offboardedAgents: async () => (await db.select({ userId: agents.userId }).from(agents).where(isNotNull(agents.offboardedAt))).map((a) => a.userId),
    async setControlRoom(userId, roomId) {
      await db.update(agents).set({ controlRoomId: roomId }).where(eq(agents.userId, userId));
    },
    async setAvailability(userId, availability) {
      await db.update(agents).set({ availability }).where(eq(agents.userId, userId));
    },
  } satisfies Partial<RouterStore>;
}

/** The router's data layer over any Drizzle PostgreSQL database (postgres.js, or PGlite in tests). */
export function createDbStore(db: Db): RouterStore {
  return { ...arrivalMethods(db), ...closingMethods(db), ...publishingMethods(db) };
}
