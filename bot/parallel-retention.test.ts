import { expect, it } from "vitest";
import * as schema from "../drizzle/schema";
import type { ErasureAdmin } from "../lib/retention/synapse-admin";
import { runRetention } from "./retention";
import { describeOnPostgres } from "./testing/scratch-postgres";

// Two routers' retention jobs at once on a real PostgreSQL (PGlite is one session:
// its locks cannot be tested). Skipped without TEST_POSTGRES_URL.
describeOnPostgres("retention jobs in parallel on PostgreSQL", "sealdesk_retention", (pg) => {
  it("erase every expired conversation exactly once and count it once", async () => {
    const seed = pg.connect();
    const now = new Date();
    await seed.insert(schema.sites).values({ id: "s", name: "S", retentionDays: 1 });
    const rooms = Array.from({ length: 30 }, (_, i) => `!p${i}:x`);
    await seed.insert(schema.conversations).values(
      rooms.map((roomId, i) => ({
        roomId,
        siteId: "s",
        visitorUserId: `@visitor-${i}:x`,
        status: "closed" as const,
        createdAt: new Date(now.getTime() - 3 * 86_400_000),
        closedAt: new Date(now.getTime() - 2 * 86_400_000),
      })),
    );
    const purged: string[] = [];
    // A slow purge, so that both jobs are busy at once.
    const admin: ErasureAdmin = {
      purgeRoom: async (roomId) => void (await new Promise((r) => setTimeout(r, 20)), purged.push(roomId)),
      deactivate: async () => {},
      joinedRooms: async () => [],
      roomCreator: async () => null,
    };
    const settings = { intervalMs: 1_000, unitSeconds: 86_400, abandonedMs: 86_400_000, batch: 4 };
    const [a, b] = await Promise.all([runRetention(pg.connect(), admin, settings, now, () => {}), runRetention(pg.connect(), admin, settings, now, () => {})]);
    expect(a.conversations + b.conversations).toBe(30);
    expect(a.conversations).toBeGreaterThan(0);
    expect(b.conversations).toBeGreaterThan(0);
    expect([...purged].sort()).toEqual([...rooms].sort());
    const [stats] = await seed.select().from(schema.conversationStats);
    expect(stats?.conversations).toBe(30);
    expect(await seed.select().from(schema.conversations)).toEqual([]);
  });
});
