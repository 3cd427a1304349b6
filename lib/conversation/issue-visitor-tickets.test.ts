import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import { issueVisitorTickets } from "./issue-visitor-tickets";
import type { Db } from "./transitions";
import { migratedPglite } from "@/lib/testing/migrated-pglite";

// The batch of visitors' asks against a real (embedded) PostgreSQL with the committed migrations.
let close: () => Promise<void>;
let db: Db;
const now = new Date("2026-12-06T10:00:00Z");

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
  for (const id of ["s1", "s2"]) {
    await db.insert(schema.teams).values({ id, name: id });
    await db.insert(schema.sites).values({ id, name: id, teamId: id });
    await db.insert(schema.agents).values({ userId: `@agent-${id}:x`, displayName: id, availability: "available", maxConcurrent: 5 });
    await db.insert(schema.teamMembers).values({ teamId: id, agentUserId: `@agent-${id}:x` });
  }
  await db.insert(schema.visitors).values([
    { userId: "@v1:x", siteId: "s1" },
    { userId: "@v2:x", siteId: "s2" },
  ]);
}, 60_000);
afterAll(async () => {
  await close();
});

describe("issueVisitorTickets (one lookup and one transaction per batch)", () => {
  it("answers each ask in order with its own site's decision, and null for a visitor of no site (who gets no ticket)", async () => {
    const answers = await issueVisitorTickets(
      db,
      [{ visitorUserId: "@v2:x", roomId: "!r2:x" }, { visitorUserId: "@stranger:x" }, { visitorUserId: "@v1:x" }],
      now,
    );
    expect(answers.map((a) => a && [a.siteId, a.agentUserId, a.status])).toEqual([["s2", "@agent-s2:x", "assigned"], null, ["s1", "@agent-s1:x", "assigned"]]);
    const rows = await db.select().from(schema.routingTickets);
    expect(rows.map((r) => [r.visitorUserId, r.siteId, r.teamId, r.roomId]).sort()).toEqual([
      ["@v1:x", "s1", "s1", null],
      ["@v2:x", "s2", "s2", "!r2:x"],
    ]);
  });

  it("changes nothing when nobody in the batch is a provisioned visitor", async () => {
    const before = await db.select().from(schema.routingTickets);
    expect(await issueVisitorTickets(db, [{ visitorUserId: "@nobody:x" }], now)).toEqual([null]);
    expect(await db.select().from(schema.routingTickets)).toEqual(before);
  });
});
