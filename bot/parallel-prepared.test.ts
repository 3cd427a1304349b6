import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import * as schema from "../drizzle/schema";
import { issueRoutingTickets } from "../lib/conversation/issue-routing-ticket";
import { createDbStore } from "./db-store";
import { describeOnPostgres } from "./testing/scratch-postgres";

// A burst of prepared rooms started with tickets, seen by two routers at once
// (both record every room and run the queue), on a real PostgreSQL (PGlite is
// one session: its locks cannot be tested). Skipped without TEST_POSTGRES_URL.
describeOnPostgres("two routers recording a burst of ticket-routed prepared rooms", "sealdesk_prep", (pg) => {
  it("assign each room exactly once, to its ticket's agent, nobody over capacity", async () => {
    const seed = pg.connect();
    const agents = ["@q1:x", "@q2:x", "@q3:x"];
    await seed.insert(schema.teams).values({ id: "t", name: "t" });
    await seed.insert(schema.sites).values({ id: "t", name: "t", teamId: "t" });
    for (const userId of agents) {
      await seed.insert(schema.agents).values({ userId, displayName: userId, availability: "available", maxConcurrent: 4 });
      await seed.insert(schema.teamMembers).values({ teamId: "t", agentUserId: userId });
    }
    // 12 places, 15 visitors: 12 tickets name an agent, 3 are queued.
    const visitors = Array.from({ length: 15 }, (_, i) => ({ visitorUserId: `@pv${i}:x`, siteId: "t", teamId: "t", roomId: `!prep${i}:x` }));
    const tickets = await issueRoutingTickets(seed, visitors, new Date());
    expect(tickets.filter((t) => t.agentUserId).length).toBe(12);

    const routers = [createDbStore(pg.connect()), createDbStore(pg.connect())];
    const createdAt = new Date();
    await Promise.all(
      routers.flatMap((router) => [
        ...visitors.map((v, i) =>
          router.recordConversation({ roomId: v.roomId, siteId: "t", visitorUserId: v.visitorUserId, createdAt, ticketId: tickets[i]!.id }),
        ),
        router.assignQueued(new Date()),
        router.assignQueued(new Date()),
      ]),
    );

    const rooms = visitors.map((v) => v.roomId);
    const all = await seed.select().from(schema.assignments).where(inArray(schema.assignments.roomId, rooms));
    // Exactly once: one assignment per assigned room, ever (not assigned, ended and assigned again).
    expect(all.length).toBe(12);
    expect(new Set(all.map((a) => a.roomId)).size).toBe(12);
    for (const [i, v] of visitors.entries()) {
      const [c] = await seed.select().from(schema.conversations).where(eq(schema.conversations.roomId, v.roomId));
      expect(c?.agentUserId ?? null, v.roomId).toBe(tickets[i]!.agentUserId);
    }
    for (const agent of agents) expect(all.filter((a) => a.agentUserId === agent).length, agent).toBeLessThanOrEqual(4);
    expect(await seed.select().from(schema.routingTickets)).toEqual([]);
  }, 60_000);
});
