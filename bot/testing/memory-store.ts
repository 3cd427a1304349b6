import { decideBatch } from "@/lib/routing/decide-batch";
import { eligibleAgents, type AgentLoad, type Availability } from "@/lib/routing/decide-route";
import { standbyReaders } from "@/lib/routing/standby-readers";
import { formerSupervisors } from "@/lib/agents/former-supervisors";
import type { OpenConversation, RouterStore } from "../router-store";
import { agentMethods, preparedMethods } from "./memory-store-rows";

type Status = "queued" | "assigned" | "active" | "closed";
export type MemoryConversation = Omit<OpenConversation, "status" | "supervisorUserIds" | "formerSupervisors"> & {
  status: Status;
  teamId: string | null;
  declinedBy: string[];
  standbyUserIds: string[];
  createdAt: Date;
  version: number;
  publishedVersion: number;
  closedReason: string | null;
  acceptedAt: Date | null;
  closedAt?: Date | null;
  routerLeftAt?: Date | null;
};
export type MemoryAgent = {
  userId: string;
  displayName: string;
  availability: Availability;
  maxConcurrent: number;
  lastAssignedAt: number | null;
  teams: string[];
  controlRoomId: string | null;
  offboarded?: boolean;
  /** The team this agent supervises (a declared reader of its conversations). */
  supervises?: string;
};
export type MemoryTicket = {
  id: string;
  visitorUserId: string;
  siteId: string;
  teamId: string | null;
  agentUserId: string | null;
  standbyUserIds: string[];
  roomId: string | null;
  createdAt: Date;
};

/** The supervisors of a team (not offboarded). */
const supervisorsOf = (agents: ReadonlyMap<string, MemoryAgent>, teamId: string | null): string[] =>
  teamId ? [...agents.values()].filter((a) => a.supervises === teamId && !a.offboarded).map((a) => a.userId) : [];

/** The fake database: its tables and the transitions of `lib/conversation/transitions.ts`. */
function createState() {
  const sites = new Map<string, string | null>();
  const agents = new Map<string, MemoryAgent>();
  const conversations = new Map<string, MemoryConversation>();
  const tickets = new Map<string, MemoryTicket>();
  /** Every assignment made, in order: [roomId, agent, outcome]. */
  const assignments: { roomId: string; agentUserId: string; outcome: string | null }[] = [];
  /** Prepared rooms left unstarted: room id to visitor. */
  const abandoned = new Map<string, string>();
  /** Prepared rooms named as their joined creator's: room id to visitor. */
  const prepared = new Map<string, string>();
  /** Role changes away from supervising a team (the audit's `role_changes`). */
  const roleChanges: { userId: string; fromRole: string; at: Date }[] = [];

  const loads = (): (AgentLoad & { displayName: string })[] =>
    [...agents.values()].map((a) => ({
      ...a,
      openCount:
        [...conversations.values()].filter((c) => c.agentUserId === a.userId && (c.status === "assigned" || c.status === "active")).length +
        [...tickets.values()].filter((t) => t.agentUserId === a.userId).length,
    }));
  const bump = (c: MemoryConversation): void => void c.version++;
  const endOpen = (roomId: string, outcome: string): void => {
    for (const a of assignments) if (a.roomId === roomId && a.outcome === null) a.outcome = outcome;
  };
  const assignTo = (c: MemoryConversation, agentUserId: string, at: Date, accepted = false): void => {
    if (assignments.some((a) => a.roomId === c.roomId && a.outcome === null)) throw new Error("second open assignment");
    assignments.push({ roomId: c.roomId, agentUserId, outcome: null });
    Object.assign(c, { status: accepted ? "active" : "assigned", agentUserId, assignedAt: at, acceptedAt: accepted ? at : null, standbyUserIds: [] });
    bump(c);
    agents.get(agentUserId)!.lastAssignedAt = at.getTime();
  };
  const close = (roomId: string, reason: string, at: Date): void => {
    const c = conversations.get(roomId);
    if (!c || c.status === "closed") return;
    endOpen(roomId, "closed");
    Object.assign(c, { status: "closed", closedReason: reason, lastActivityAt: c.lastActivityAt, closedAt: at });
    bump(c);
  };

  return { sites, agents, conversations, tickets, assignments, abandoned, prepared, roleChanges, loads, bump, endOpen, assignTo, close };
}

/** The store's tables, in memory. */
export type State = ReturnType<typeof createState>;

/** A new conversation: queued, or assigned at once when its valid routing ticket names an agent. */
function recordConversation(st: State, n: Parameters<RouterStore["recordConversation"]>[0]): boolean {
  const { sites, conversations, tickets, assignTo } = st;
  if (!sites.has(n.siteId)) return false;
  const ticket = n.ticketId ? tickets.get(n.ticketId) : undefined;
  const valid =
    ticket && ticket.visitorUserId === n.visitorUserId && ticket.siteId === n.siteId && (ticket.roomId === null || ticket.roomId === n.roomId)
      ? ticket
      : undefined;
  if (!conversations.has(n.roomId)) {
    const c: MemoryConversation = {
      roomId: n.roomId,
      visitorUserId: n.visitorUserId,
      status: "queued",
      agentUserId: null,
      assignedAt: null,
      acceptedAt: null,
      lastActivityAt: n.createdAt,
      teamId: valid ? valid.teamId : sites.get(n.siteId)!,
      declinedBy: [],
      standbyUserIds: [],
      createdAt: n.createdAt,
      version: 1,
      publishedVersion: 0,
      closedReason: null,
    };
    conversations.set(n.roomId, c);
    st.abandoned.delete(n.roomId);
    st.prepared.delete(n.roomId);
    if (valid?.agentUserId) {
      assignTo(c, valid.agentUserId, new Date());
      c.standbyUserIds = valid.standbyUserIds;
    }
  }
  if (valid) tickets.delete(valid.id);
  return true;
}

/** Recording rooms, the queue and publishing. */
function routingMethods(
  st: State,
): Pick<RouterStore, "recordConversation" | "preparedRooms" | "dropExpiredTickets" | "assignQueued" | "unpublished" | "markPublished"> {
  const { agents, conversations, tickets, loads, assignTo } = st;
  return {
    recordConversation: async (n) => recordConversation(st, n),
    async preparedRooms(roomIds) {
      const bound = [...tickets.values()].filter((t) => t.roomId && roomIds.includes(t.roomId));
      return {
        known: new Set(roomIds.filter((r) => conversations.has(r))),
        tickets: new Map(bound.map((t) => [t.roomId!, { id: t.id, createdAt: t.createdAt }])),
      };
    },
    async dropExpiredTickets() {},
    async assignQueued(now) {
      const queued = [...conversations.values()].filter((c) => c.status === "queued").sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const decisions = decideBatch({ agents: loads(), conversations: queued, teamsWithQueue: [], now: now.getTime() });
      const outcome = { assigned: [] as string[], waits: [] as { roomId: string; reason: "nobody-available" | "everyone-at-capacity" | "behind-older" }[] };
      decisions.forEach((d, i) => {
        const c = queued[i];
        if (!c) throw new Error(`decideBatch answered ${decisions.length} decisions for ${queued.length} conversations`);
        if (d.kind === "queue") outcome.waits.push({ roomId: c.roomId, reason: d.reason });
        if (d.kind !== "assign") return;
        assignTo(c, d.agentUserId, now);
        c.standbyUserIds = d.standbyUserIds;
        outcome.assigned.push(c.roomId);
      });
      return outcome;
    },
    async unpublished() {
      return [...conversations.values()]
        .filter((c) => c.version > c.publishedVersion)
        .map((c) => ({
          roomId: c.roomId,
          version: c.version,
          visitorUserId: c.visitorUserId,
          status: c.status,
          agentUserId: c.agentUserId,
          agentDisplayName: agents.get(c.agentUserId ?? "")?.displayName ?? null,
          standbyUserIds: c.status === "assigned" && c.standbyUserIds.length > 0 ? c.standbyUserIds : standbyReaders(loads(), c),
          supervisorUserIds: supervisorsOf(agents, c.teamId),
          teamId: c.teamId,
          closedReason: (c.closedReason as "visitor" | null) ?? null,
        }));
    },
    async markPublished(roomId, version) {
      const c = conversations.get(roomId);
      if (c) c.publishedVersion = Math.max(c.publishedVersion, version);
    },
  };
}

/** Membership changes and timers. */
function membershipMethods(
  st: State,
): Omit<RouterStore, keyof ReturnType<typeof routingMethods> | keyof ReturnType<typeof agentMethods> | keyof ReturnType<typeof preparedMethods>> {
  const { agents, conversations, loads, bump, endOpen, assignTo, close } = st;
  return {
    async openConversations() {
      const teams = new Set([...conversations.values()].map((c) => c.teamId ?? ""));
      const former = formerSupervisors(st.roleChanges, new Map([...teams].map((t) => [t, supervisorsOf(agents, t)])));
      return [...conversations.values()]
        .filter((c) => c.status !== "closed")
        .map((c) => ({
          ...c,
          status: c.status as OpenConversation["status"],
          supervisorUserIds: supervisorsOf(agents, c.teamId),
          formerSupervisors: former.get(c.teamId ?? "") ?? [],
        }));
    },
    async memberJoined(roomId, userId, at) {
      const c = conversations.get(roomId);
      if (!c || c.status === "closed") return true;
      if (c.agentUserId === userId) {
        if (c.status === "assigned") {
          Object.assign(c, { status: "active", acceptedAt: at });
          bump(c);
        }
        return true;
      }
      if (c.status === "active") return false;
      if (!eligibleAgents({ agents: loads(), teamId: c.teamId, declinedBy: c.declinedBy }).some((a) => a.userId === userId)) return false;
      endOpen(roomId, "claimed_by_other");
      assignTo(c, userId, at, true);
      return true;
    },
    async releaseAssignment(roomId, agentUserId, outcome) {
      const c = conversations.get(roomId);
      if (!c || c.status !== "assigned" || c.agentUserId !== agentUserId) return;
      endOpen(roomId, outcome);
      Object.assign(c, { status: "queued", agentUserId: null, assignedAt: null, declinedBy: [...c.declinedBy, agentUserId] });
      bump(c);
    },
    close: async (roomId, reason, at) => close(roomId, reason, at),
    async closeInactive(roomId, cutoff, at) {
      const c = conversations.get(roomId);
      if (c && c.lastActivityAt < cutoff) close(roomId, "inactivity", at);
    },
    async closedNotLeft() {
      return [...conversations.values()]
        .filter((c) => c.status === "closed" && !c.routerLeftAt && c.closedAt)
        .map((c) => ({
          roomId: c.roomId,
          visitorUserId: c.visitorUserId,
          agentUserId: c.agentUserId,
          closedAt: c.closedAt!,
          closedReason: c.closedReason,
          published: c.publishedVersion >= c.version,
        }));
    },
    async reopen(roomId, agentUserId, at, closedAt) {
      const c = conversations.get(roomId);
      if (!c || c.status !== "closed" || c.closedReason === "visitor" || c.routerLeftAt || c.closedAt?.getTime() !== closedAt.getTime()) return false;
      Object.assign(c, { closedAt: null, closedReason: null, lastActivityAt: at });
      if (agentUserId) assignTo(c, agentUserId, at, true);
      else {
        Object.assign(c, { status: "queued", agentUserId: null, assignedAt: null, acceptedAt: null });
        bump(c);
      }
      return true;
    },
    async markLeft(roomId, at) {
      const c = conversations.get(roomId);
      if (c?.status === "closed") c.routerLeftAt = at;
    },
    async recordActivity(roomId, _sender, at) {
      const c = conversations.get(roomId);
      if (c && at > c.lastActivityAt) c.lastActivityAt = at;
    },
  };
}

/**
 * An in-memory {@link RouterStore} for the runner's tests: the same rules as
 * `db-store.ts` (one process, so no locks), with the same routing policy.
 */
export function createMemoryStore() {
  const st = createState();
  const store: RouterStore = { ...routingMethods(st), ...membershipMethods(st), ...preparedMethods(st), ...agentMethods(st) };
  return {
    store,
    sites: st.sites,
    agents: st.agents,
    conversations: st.conversations,
    tickets: st.tickets,
    assignments: st.assignments,
    abandoned: st.abandoned,
    prepared: st.prepared,
    roleChanges: st.roleChanges,
  };
}
