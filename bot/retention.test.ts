import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../drizzle/schema";
import type { Db } from "../lib/conversation/transitions";
import type { ErasureAdmin } from "../lib/retention/synapse-admin";
import { runRetention } from "./retention";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "drizzle", "migrations");

describe("a retention run on embedded PostgreSQL", () => {
  let pg: PGlite;
  let db: Db;
  beforeAll(async () => {
    pg = new PGlite();
    const d = drizzle(pg, { schema });
    await migrate(d, { migrationsFolder });
    db = d as unknown as Db;
  }, 60_000);
  afterAll(async () => {
    await pg.close();
  });

  it("erases expired conversations and old abandoned rooms, retries a failed purge later, keeps the rest", async () => {
    const now = new Date("2026-06-10T12:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await db.insert(schema.sites).values([
      { id: "s", name: "S", retentionDays: 30 },
      { id: "keep", name: "K", retentionDays: 0 },
    ]);
    const row = (roomId: string, siteId: string, closedDaysAgo: number | null) => ({
      roomId,
      siteId,
      visitorUserId: `@visitor-${roomId.slice(1, -2)}:x`,
      status: closedDaysAgo === null ? ("active" as const) : ("closed" as const),
      createdAt: ago(100),
      closedAt: closedDaysAgo === null ? null : ago(closedDaysAgo),
    });
    await db
      .insert(schema.conversations)
      .values([row("!old:x", "s", 31), row("!fails:x", "s", 40), row("!recent:x", "s", 29), row("!kept:x", "keep", 400), row("!open:x", "s", null)]);
    await db.insert(schema.abandonedRooms).values([
      { roomId: "!gone:x", visitorUserId: "@visitor-gone:x", leftAt: ago(2) },
      { roomId: "!fresh:x", visitorUserId: "@visitor-fresh:x", leftAt: now },
    ]);
    const purged: string[] = [];
    const deactivated: string[] = [];
    const admin: ErasureAdmin = {
      async purgeRoom(roomId) {
        if (roomId === "!fails:x") throw new Error("Synapse is down");
        purged.push(roomId);
      },
      deactivate: async (u) => void deactivated.push(u),
      joinedRooms: async () => [],
      roomCreator: async () => null,
    };
    const log: string[] = [];
    const run = await runRetention(db, admin, { intervalMs: 1_000, unitSeconds: 86_400, abandonedMs: 86_400_000 }, now, (m) => log.push(m));
    expect(run).toEqual({ conversations: 1, abandoned: 1, visitors: 2, failed: 1 });
    expect(purged.sort()).toEqual(["!gone:x", "!old:x"]);
    expect(deactivated.sort()).toEqual(["@visitor-gone:x", "@visitor-old:x"]);
    expect((await db.select({ r: schema.conversations.roomId }).from(schema.conversations)).map((r) => r.r).sort()).toEqual([
      "!fails:x",
      "!kept:x",
      "!open:x",
      "!recent:x",
    ]);
    expect(log).toContain("retention: erasing !fails:x failed: Synapse is down");
    // The failed one is claimed again once its lease has run out.
    const later = await runRetention(
      db,
      { ...admin, purgeRoom: async (r) => void purged.push(r) },
      { intervalMs: 1_000, unitSeconds: 86_400, abandonedMs: 86_400_000 },
      new Date(now.getTime() + 11 * 60_000),
      () => {},
    );
    expect(later.conversations).toBe(1);
    expect(purged).toContain("!fails:x");
  });
});
