import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import { migratedPglite } from "../testing/migrated-pglite";
import { agentLoads } from "./agent-loads";
import { rerouteOffboarded } from "./reroute-offboarded";
import type { Db } from "./transitions";

describe("rerouteOffboarded on embedded PostgreSQL", () => {
  let close: () => Promise<void>;
  let db: Db;
  const at = new Date("2026-12-06T10:00:00Z");
  const conv = (roomId: string, over: Partial<typeof schema.conversations.$inferInsert> = {}) => ({
    roomId,
    siteId: "s",
    visitorUserId: `@visitor-${roomId.slice(1, 3)}:x`,
    ...over,
  });
  beforeAll(async () => {
    ({ db, close } = await migratedPglite());
    await db.insert(schema.agents).values([
      { userId: "@a:x", displayName: "A", availability: "available" },
      { userId: "@b:x", displayName: "B", availability: "available" },
    ]);
    await db.insert(schema.sites).values({ id: "s", name: "Shop" });
    await db
      .insert(schema.conversations)
      .values([
        conv("!active:x", { status: "active", agentUserId: "@a:x", assignedAt: at, acceptedAt: at }),
        conv("!assigned:x", { status: "assigned", agentUserId: "@a:x", assignedAt: at, standbyUserIds: ["@b:x"] }),
        conv("!closed:x", { status: "closed", agentUserId: "@a:x", closedAt: at }),
        conv("!b:x", { status: "assigned", agentUserId: "@b:x", assignedAt: at, standbyUserIds: ["@a:x"] }),
      ]);
    await db.insert(schema.assignments).values([
      { roomId: "!active:x", agentUserId: "@a:x", assignedAt: at, acceptedAt: at },
      { roomId: "!assigned:x", agentUserId: "@a:x", assignedAt: at },
    ]);
    await db.insert(schema.offboardings).values({ userId: "@a:x", by: "@op:x" });
  }, 60_000);
  afterAll(async () => {
    await close();
  });

  it("queues the agent's open conversations once, ends their assignments, and takes them out of routing and stand-by lists", async () => {
    // Two requests at once (a double click): the offboarding's row lock makes one do it.
    const counts = await Promise.all([rerouteOffboarded(db, "@a:x", at), rerouteOffboarded(db, "@a:x", at)]);
    expect(counts.sort()).toEqual([0, 2]);
    const rows = new Map((await db.select().from(schema.conversations)).map((c) => [c.roomId, c]));
    for (const id of ["!active:x", "!assigned:x"])
      expect(rows.get(id)).toMatchObject({ status: "queued", agentUserId: null, declinedBy: ["@a:x"], standbyUserIds: [] });
    expect(rows.get("!closed:x")).toMatchObject({ status: "closed", agentUserId: "@a:x" });
    expect(rows.get("!b:x")).toMatchObject({ status: "assigned", agentUserId: "@b:x", standbyUserIds: [] });
    const ended = await db.select().from(schema.assignments);
    expect(ended.map((x) => x.outcome)).toEqual(["offboarded", "offboarded"]);
    const [off] = await db.select().from(schema.offboardings).where(eq(schema.offboardings.userId, "@a:x"));
    expect(off?.rerouted).toBe(2);
    expect((await agentLoads(db, at)).map((x) => x.userId)).toEqual(["@b:x"]);
    // Later calls change nothing.
    expect(await rerouteOffboarded(db, "@a:x", new Date(at.getTime() + 1000))).toBe(0);
    expect((await db.select().from(schema.offboardings))[0]?.rerouted).toBe(2);
  });

  it("does nothing without an offboarding record", async () => {
    expect(await rerouteOffboarded(db, "@b:x", at)).toBe(0);
    expect((await db.select().from(schema.agents).where(eq(schema.agents.userId, "@b:x")))[0]?.offboardedAt).toBeNull();
  });
});
