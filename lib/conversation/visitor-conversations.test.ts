import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import { migratedPglite } from "@/lib/testing/migrated-pglite";
import type { Db } from "./transitions";
import { listVisitorConversations } from "./visitor-conversations";

// The console's "earlier conversations with this visitor" against a real (embedded) PostgreSQL.
let close: () => Promise<void>;
let db: Db;
const t0 = Date.parse("2026-12-01T10:00:00Z");
const minute = (n: number) => new Date(t0 + n * 60_000);
const V = "@visitor-v:x";

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
  await db.insert(schema.teams).values({ id: "t", name: "t" });
  await db.insert(schema.sites).values({ id: "s", name: "Shop", teamId: "t" });
  for (const userId of ["@ann:x", "@bob:x"]) await db.insert(schema.agents).values({ userId, displayName: userId });
  const conv = (roomId: string, at: number, closed: boolean, visitorUserId = V) => ({
    roomId,
    siteId: "s",
    visitorUserId,
    teamId: "t",
    status: closed ? ("closed" as const) : ("active" as const),
    createdAt: minute(at),
    lastActivityAt: minute(at),
    closedAt: closed ? minute(at + 1) : null,
    closedReason: closed ? "agent" : null,
  });
  // The visitor: !old (Ann), !mid (Bob only), !transferred (Ann, then Bob), !now (Ann, open). Another visitor's !other (Ann).
  await db
    .insert(schema.conversations)
    .values([conv("!old", 1, true), conv("!mid", 2, true), conv("!transferred", 3, true), conv("!now", 4, false), conv("!other", 5, true, "@visitor-w:x")]);
  const assign = (roomId: string, agentUserId: string) => ({ roomId, agentUserId, assignedAt: minute(0), endedAt: minute(1) });
  await db
    .insert(schema.assignments)
    .values([
      assign("!old", "@ann:x"),
      assign("!mid", "@bob:x"),
      assign("!transferred", "@ann:x"),
      assign("!transferred", "@bob:x"),
      assign("!now", "@ann:x"),
      assign("!other", "@ann:x"),
    ]);
}, 60_000);
afterAll(() => close());

const ids = async (agent: string, except?: string) => (await listVisitorConversations(db, agent, V, except)).map((c) => c.roomId);

describe("listVisitorConversations", () => {
  it.each([
    ["Ann sees the ones she was assigned, newest first, not Bob's nor another visitor's", "@ann:x", undefined, ["!now", "!transferred", "!old"]],
    ["the open conversation is left out", "@ann:x", "!now", ["!transferred", "!old"]],
    ["Bob sees his own and the one transferred to him", "@bob:x", undefined, ["!transferred", "!mid"]],
    ["an agent never assigned sees none", "@eve:x", undefined, []],
  ])("%s", async (_name, agent, except, expected) => {
    expect(await ids(agent, except)).toEqual(expected);
  });

  it("gives metadata only: dates and status", async () => {
    const [row] = await listVisitorConversations(db, "@ann:x", V, "!now");
    expect(row).toEqual({ roomId: "!transferred", status: "closed", createdAt: minute(3).toISOString(), closedAt: minute(4).toISOString() });
  });
});
