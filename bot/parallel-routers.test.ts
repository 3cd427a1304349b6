import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import * as schema from "../drizzle/schema";
import { lockAgentLoads } from "../lib/conversation/agent-loads";
import { claimConversation } from "../lib/conversation/claim-conversation";
import { issueRoutingTickets } from "../lib/conversation/issue-routing-ticket";
import { assignTo } from "../lib/conversation/transitions";
import { createDbStore } from "./db-store";
import { describeOnPostgres } from "./testing/scratch-postgres";
import { defined } from "../lib/testing/defined";

// Two routers, the ticket issuer and Take at once, on a real PostgreSQL (PGlite
// is one session: its locks cannot be tested). Skipped without TEST_POSTGRES_URL.
describeOnPostgres("deciders in parallel on PostgreSQL", "sealdesk_unit", (pg) => {
  it("never assign a conversation twice nor push an agent over capacity", async () => {
    const seed = pg.connect();
    const agents = ["@p1:x", "@p2:x", "@p3:x"];
    await seed.insert(schema.teams).values({ id: "t", name: "t" });
    await seed.insert(schema.sites).values({ id: "t", name: "t", teamId: "t" });
    for (const userId of agents) {
      await seed.insert(schema.agents).values({ userId, displayName: userId, availability: "available", maxConcurrent: 4 });
      await seed.insert(schema.teamMembers).values({ teamId: "t", agentUserId: userId });
    }
    const now = new Date();
    const rooms = Array.from({ length: 30 }, (_, i) => `!par${i}:x`);
    await seed.insert(schema.conversations).values(
      rooms.map((roomId, i) => ({
        roomId,
        siteId: "t",
        visitorUserId: `@v${i}:x`,
        teamId: "t",
        status: "queued" as const,
        createdAt: new Date(now.getTime() + i),
        lastActivityAt: now,
      })),
    );

    // Two routers (their own pools), the app issuing tickets and agents pressing Take, all at once.
    const [router1, router2] = [createDbStore(pg.connect()), createDbStore(pg.connect())];
    const app = pg.connect();
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 4; i++) work.push(router1.assignQueued(new Date()), router2.assignQueued(new Date()));
    work.push(
      issueRoutingTickets(
        app,
        [0, 1, 2].map((i) => ({ visitorUserId: `@new${i}:x`, siteId: "t", teamId: "t" })),
        new Date(),
      ),
    );
    for (const [i, agent] of agents.entries())
      work.push(app.transaction((tx) => claimConversation(tx, defined(rooms[29 - i], `room ${29 - i}`), agent, new Date())));
    await Promise.all(work);

    const open = await seed.select().from(schema.assignments).where(isNull(schema.assignments.endedAt));
    expect(new Set(open.map((a) => a.roomId)).size).toBe(open.length);
    for (const agent of agents) {
      const tickets = await seed.select().from(schema.routingTickets).where(eq(schema.routingTickets.agentUserId, agent));
      const mine = open.filter((a) => a.agentUserId === agent);
      expect(mine.length + tickets.length, agent).toBeLessThanOrEqual(4);
    }
    // Everyone is full: 12 places, all taken by conversations or tickets.
    const held =
      open.length +
      (
        await seed
          .select()
          .from(schema.routingTickets)
          .where(and(eq(schema.routingTickets.teamId, "t")))
      ).filter((t) => t.agentUserId).length;
    expect(held).toBe(12);
  }, 60_000);

  it("lockAgentLoads makes a second decider wait, then count what the first one assigned", async () => {
    const db = pg.connect();
    await db.insert(schema.agents).values({ userId: "@lk:x", displayName: "lk", availability: "available", maxConcurrent: 1 });
    await db
      .insert(schema.conversations)
      .values({ roomId: "!lk:x", siteId: "t", visitorUserId: "@vlk:x", teamId: "t", status: "queued", lastActivityAt: new Date() });
    const order: string[] = [];
    const first = db.transaction(async (tx) => {
      await lockAgentLoads(tx, new Date(), ["@lk:x"]);
      await new Promise((r) => setTimeout(r, 300)); // a slow decider
      await assignTo(tx, "!lk:x", "@lk:x", new Date());
      order.push("first committed");
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = db.transaction(async (tx) => {
      const loads = await lockAgentLoads(tx, new Date(), ["@lk:x"]);
      order.push("second counted");
      return loads.find((a) => a.userId === "@lk:x")!.openCount;
    });
    await first;
    expect(await second).toBe(1);
    expect(order).toEqual(["first committed", "second counted"]);
  }, 60_000);
});
