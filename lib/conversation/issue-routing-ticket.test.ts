import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import { issueRoutingTickets } from "./issue-routing-ticket";
import type { Db } from "./transitions";
import { migratedPglite } from "@/lib/testing/migrated-pglite";

// The batch decider against a real (embedded) PostgreSQL with the committed migrations.
let close: () => Promise<void>;
let db: Db;
const now = new Date("2026-11-30T10:00:00Z");

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
}, 60_000);
afterAll(async () => {
  await close();
});

async function team(id: string, agents: { id: string; max: number; availability?: "available" | "away" }[]): Promise<void> {
  await db.insert(schema.teams).values({ id, name: id });
  await db.insert(schema.sites).values({ id, name: id, teamId: id });
  for (const a of agents) {
    await db.insert(schema.agents).values({ userId: a.id, displayName: a.id.slice(1), availability: a.availability ?? "available", maxConcurrent: a.max });
    await db.insert(schema.teamMembers).values({ teamId: id, agentUserId: a.id });
  }
}
const req = (team: string, visitor: string, roomId?: string) => ({ visitorUserId: visitor, siteId: team, teamId: team, roomId });

describe("issueRoutingTickets (one transaction per batch)", () => {
  it("decides a burst in arrival order: fair rotation and capacity within the batch, then the queue with the whole team as readers", async () => {
    await team("t1", [
      { id: "@a:x", max: 2 },
      { id: "@b:x", max: 2 },
      { id: "@c:x", max: 2, availability: "away" },
    ]);
    const issued = await issueRoutingTickets(
      db,
      ["v1", "v2", "v3", "v4", "v5"].map((v) => req("t1", `@${v}:x`, `!room-${v}:x`)),
      now,
    );
    expect(issued.map((t) => t.agentUserId)).toEqual(["@a:x", "@b:x", "@a:x", "@b:x", null]);
    expect(issued.map((t) => t.status)).toEqual(["assigned", "assigned", "assigned", "assigned", "queued"]);
    // The agent is the first reader (invited first); the stand-by is the other available agent.
    expect(issued[0]?.readers).toEqual(["@a:x", "@b:x"]);
    expect(issued[4]?.readers.sort()).toEqual(["@a:x", "@b:x", "@c:x"]);
    const rows = await db.select().from(schema.routingTickets);
    expect(rows.map((r) => r.roomId).sort()).toEqual(["!room-v1:x", "!room-v2:x", "!room-v3:x", "!room-v4:x", "!room-v5:x"]);
    // The held tickets count in the next batch: both agents are full.
    const next = await issueRoutingTickets(db, [req("t1", "@v6:x")], now);
    expect(next[0]?.status).toBe("queued");
  });

  it("keeps one ticket per visitor (the last request wins) and waits behind an older queued conversation", async () => {
    await team("t2", [{ id: "@d:x", max: 5 }]);
    const issued = await issueRoutingTickets(db, [req("t2", "@w1:x", "!first:x"), req("t2", "@w1:x", "!second:x")], now);
    expect(issued).toHaveLength(2);
    const rows = await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.visitorUserId, "@w1:x"));
    expect(rows.map((r) => [r.id, r.roomId])).toEqual([[issued[1]?.id, "!second:x"]]);

    await db
      .insert(schema.conversations)
      .values({ roomId: "!waiting:x", siteId: "t2", visitorUserId: "@old:x", teamId: "t2", status: "queued", createdAt: now, lastActivityAt: now });
    const behind = await issueRoutingTickets(db, [req("t2", "@w2:x")], now);
    expect(behind[0]).toMatchObject({ status: "queued", agentUserId: null });
  });
});
