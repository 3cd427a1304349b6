import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import { closedConversationsRoute } from "@/lib/console-api/closed-routes";
import { migratedPglite } from "@/lib/testing/migrated-pglite";
import { closedReadsOf, listClosedConversations, openClosedConversation } from "./closed-conversations";
import type { Db } from "./transitions";

// The Closed view's queries against a real (embedded) PostgreSQL with the committed migrations.
let close: () => Promise<void>;
let db: Db;
const t0 = Date.parse("2026-12-01T10:00:00Z");
const minute = (n: number) => new Date(t0 + n * 60_000);

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
  await db.insert(schema.teams).values({ id: "t", name: "t" });
  await db.insert(schema.sites).values({ id: "s", name: "Shop", teamId: "t" });
  for (const userId of ["@ann:x", "@bob:x"]) await db.insert(schema.agents).values({ userId, displayName: userId });
  const conv = (roomId: string, closedAt: Date | null) => ({
    roomId,
    siteId: "s",
    visitorUserId: `@visitor-${roomId.slice(1)}:x`,
    teamId: "t",
    status: closedAt ? ("closed" as const) : ("active" as const),
    createdAt: minute(0),
    lastActivityAt: minute(0),
    closedAt,
    closedReason: closedAt ? "agent" : null,
  });
  // Ann: five closed (two closed at the same minute), one open; Bob had !c3 after Ann (a transfer) and one of his own.
  await db
    .insert(schema.conversations)
    .values([
      conv("!c1", minute(1)),
      conv("!c2", minute(2)),
      conv("!c3", minute(3)),
      conv("!c4a", minute(4)),
      conv("!c4b", minute(4)),
      conv("!open", null),
      conv("!bob", minute(9)),
    ]);
  const assign = (roomId: string, agentUserId: string) => ({ roomId, agentUserId, assignedAt: minute(0), endedAt: minute(1) });
  await db
    .insert(schema.assignments)
    .values([...["!c1", "!c2", "!c3", "!c4a", "!c4b", "!open"].map((r) => assign(r, "@ann:x")), assign("!c3", "@bob:x"), assign("!bob", "@bob:x")]);
}, 60_000);
afterAll(() => close());

const page = (agent: string, q: Record<string, string>) => listClosedConversations(db, agent, closedConversationsRoute.query.parse(q));

describe("listClosedConversations", () => {
  it("lists only the agent's closed conversations, newest close first, a page at a time, each exactly once", async () => {
    const seen: string[] = [];
    let q: Record<string, string> = { limit: "2" };
    for (;;) {
      const p = await page("@ann:x", q);
      seen.push(...p.conversations.map((c) => c.roomId));
      expect(p.conversations.length).toBeLessThanOrEqual(2);
      if (!p.next) break;
      q = { limit: "2", cursor: p.next };
    }
    expect(seen).toEqual(["!c4b", "!c4a", "!c3", "!c2", "!c1"]);
  });

  it("answers metadata: site name, visitor, close time and reason", async () => {
    const p = await page("@bob:x", {});
    expect(p).toEqual({
      next: null,
      conversations: [
        {
          roomId: "!bob",
          siteId: "s",
          siteName: "Shop",
          visitorUserId: "@visitor-bob:x",
          createdAt: minute(0).toISOString(),
          closedAt: minute(9).toISOString(),
          closedReason: "agent",
        },
        expect.objectContaining({ roomId: "!c3" }),
      ],
    });
  });

  it("lists nothing for an agent never assigned any", async () => {
    await db.insert(schema.agents).values({ userId: "@new:x", displayName: "new" });
    expect(await page("@new:x", {})).toEqual({ conversations: [], next: null });
  });
});

describe("openClosedConversation", () => {
  const reads = () => db.select().from(schema.closedReads).where(eq(schema.closedReads.roomId, "!c3"));
  const cases: [string, string, string, string][] = [
    ["the agent it was assigned to", "@ann:x", "!c3", "ok"],
    ["a later agent of the same conversation (transfer)", "@bob:x", "!c3", "ok"],
    ["an agent never on it", "@bob:x", "!c1", "forbidden"],
    ["an open conversation", "@ann:x", "!open", "not-found"],
    ["an unknown room", "@ann:x", "!nope", "not-found"],
  ];
  it.each(cases)("%s", async (_name, agent, roomId, expected) => {
    expect(await openClosedConversation(db, agent, roomId, minute(20))).toBe(expected);
  });
  it("records each allowed opening (who, which, when) and nothing else", async () => {
    expect((await reads()).map((r) => r.agentUserId).sort()).toEqual(["@ann:x", "@bob:x"]);
    expect(await db.select().from(schema.closedReads).where(eq(schema.closedReads.roomId, "!c1"))).toEqual([]);
    expect(await closedReadsOf(db, "!c3")).toEqual([
      { agentUserId: "@ann:x", at: minute(20) },
      { agentUserId: "@bob:x", at: minute(20) },
    ]);
  });
});
