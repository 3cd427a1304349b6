import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "@/drizzle/schema";
import type { Db } from "@/lib/conversation/transitions";
import type { Availability } from "@/lib/routing/decide-route";
import { republishTeams } from "@/lib/conversation/team-supervisors";
import { createDbStore } from "../db-store";
import type { RouterStore } from "../router-store";
import { createMemoryStore } from "./memory-store";

/** A store plus what a test needs around it: seeding and reading the truth back. */
export type StoreHarness = {
  store: RouterStore;
  /** A team with its site (same id) and agents. */
  team(id: string, agents: { id: string; max?: number; availability?: Availability }[]): Promise<void>;
  ticket(t: { id: string; visitorUserId: string; siteId: string; agentUserId: string | null; standbyUserIds: string[]; roomId: string | null }): Promise<void>;
  conversation(roomId: string): Promise<{ status: string; agentUserId: string | null; declinedBy: string[]; closedReason: string | null } | undefined>;
  /** Assignments of a room in order: "agent outcome" ("open" while open). */
  assignments(roomId: string): Promise<string[]>;
  /** Prepared rooms recorded as left unstarted. */
  abandoned(): Promise<string[]>;
  /** Prepared rooms named as their joined visitor's: "room visitor", sorted. */
  prepared(): Promise<string[]>;
  /** When the router left a closed conversation's room. */
  routerLeftAt(roomId: string): Promise<Date | null>;
  /** Makes an agent (added if new, outside any team) supervisor of a team, or of none, as `changeRole` does at `at`. */
  supervise(userId: string, teamId: string | null, at: Date): Promise<void>;
  close(): Promise<void>;
};

export function memoryHarness(): StoreHarness {
  const m = createMemoryStore();
  return {
    store: m.store,
    async team(id, agents) {
      m.sites.set(id, id);
      for (const a of agents) {
        const existing = m.agents.get(a.id);
        if (existing) existing.teams.push(id);
        else
          m.agents.set(a.id, {
            userId: a.id,
            displayName: a.id.slice(1),
            availability: a.availability ?? "available",
            maxConcurrent: a.max ?? 3,
            lastAssignedAt: null,
            teams: [id],
            controlRoomId: null,
          });
      }
    },
    async ticket(t) {
      m.tickets.set(t.id, { ...t, teamId: t.siteId, createdAt: new Date() });
    },
    async conversation(roomId) {
      return m.conversations.get(roomId);
    },
    async assignments(roomId) {
      return m.assignments.filter((a) => a.roomId === roomId).map((a) => `${a.agentUserId} ${a.outcome ?? "open"}`);
    },
    abandoned: async () => [...m.abandoned.keys()],
    prepared: async () => [...m.prepared].map(([r, v]) => `${r} ${v}`).sort(),
    routerLeftAt: async (roomId) => m.conversations.get(roomId)?.routerLeftAt ?? null,
    async supervise(userId, teamId, at) {
      const a = m.agents.get(userId) ?? {
        userId,
        displayName: userId,
        availability: "offline",
        maxConcurrent: 3,
        lastAssignedAt: null,
        teams: [],
        controlRoomId: null,
      };
      m.agents.set(userId, a);
      const old = a.supervises ?? null;
      a.supervises = teamId ?? undefined;
      if (old && old !== teamId) m.roleChanges.push({ userId, fromRole: `supervisor:${old}`, at });
      for (const c of m.conversations.values()) if (c.status !== "closed" && c.teamId !== null && (c.teamId === old || c.teamId === teamId)) c.version++;
    },
    async close() {},
  };
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "drizzle", "migrations");

/** The real data layer on embedded PostgreSQL (PGlite) with the committed migrations. */
export async function pgliteHarness(): Promise<StoreHarness> {
  const pg = new PGlite();
  const d = drizzle(pg, { schema });
  await migrate(d, { migrationsFolder });
  const db = d as unknown as Db;
  return {
    store: createDbStore(db),
    async team(id, agents) {
      await db.insert(schema.teams).values({ id, name: id });
      await db.insert(schema.sites).values({ id, name: id, teamId: id });
      for (const a of agents) {
        await db
          .insert(schema.agents)
          .values({ userId: a.id, displayName: a.id.slice(1), availability: a.availability ?? "available", maxConcurrent: a.max ?? 3 })
          .onConflictDoNothing();
        await db.insert(schema.teamMembers).values({ teamId: id, agentUserId: a.id });
      }
    },
    async ticket(t) {
      const now = Date.now();
      await db.insert(schema.routingTickets).values({ ...t, teamId: t.siteId, createdAt: new Date(now), expiresAt: new Date(now + 120_000) });
    },
    async conversation(roomId) {
      const [c] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
      return c;
    },
    async assignments(roomId) {
      const rows = await db.select().from(schema.assignments).where(eq(schema.assignments.roomId, roomId)).orderBy(asc(schema.assignments.id));
      return rows.map((a) => `${a.agentUserId} ${a.endedAt ? a.outcome : "open"}`);
    },
    abandoned: async () => (await db.select({ roomId: schema.abandonedRooms.roomId }).from(schema.abandonedRooms)).map((r) => r.roomId),
    prepared: async () => (await db.select().from(schema.preparedRooms)).map((r) => `${r.roomId} ${r.visitorUserId}`).sort(),
    async routerLeftAt(roomId) {
      const [c] = await db.select({ at: schema.conversations.routerLeftAt }).from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
      return c?.at ?? null;
    },
    async supervise(userId, teamId, at) {
      await db.insert(schema.agents).values({ userId, displayName: userId, availability: "offline" }).onConflictDoNothing();
      const [row] = await db.select({ old: schema.agents.supervisesTeamId }).from(schema.agents).where(eq(schema.agents.userId, userId));
      const old = row?.old ?? null;
      await db.update(schema.agents).set({ supervisesTeamId: teamId }).where(eq(schema.agents.userId, userId));
      const toRole = teamId ? `supervisor:${teamId}` : "agent";
      await db.insert(schema.roleChanges).values({ userId, by: "@operator:x", fromRole: old ? `supervisor:${old}` : "agent", toRole, at });
      await republishTeams(db, [old, teamId]);
    },
    close: () => pg.close(),
  };
}
