import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import { claimConversation, type ClaimResult } from "./claim-conversation";
import type { Db } from "./transitions";
import { migratedPglite } from "@/lib/testing/migrated-pglite";

// Take against a real (embedded) PostgreSQL with the committed migrations.
let close: () => Promise<void>;
let db: Db;
const now = new Date("2026-12-01T10:00:00Z");

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
  await db.insert(schema.teams).values([
    { id: "t", name: "t" },
    { id: "u", name: "u" },
  ]);
  await db.insert(schema.sites).values({ id: "t", name: "t", teamId: "t" });
  for (const [userId, max, teamId] of [
    ["@free:x", 2, "t"],
    ["@full:x", 1, "t"],
    ["@ticketed:x", 1, "t"],
    ["@outsider:x", 5, "u"],
    ["@off:x", 1, "t"],
    ["@spare:x", 3, "t"],
  ] as const) {
    await db.insert(schema.agents).values({ userId, displayName: userId, availability: userId === "@off:x" ? "offline" : "available", maxConcurrent: max });
    await db.insert(schema.teamMembers).values({ teamId, agentUserId: userId });
  }
  const conv = (roomId: string, over: Partial<typeof schema.conversations.$inferInsert> = {}) => ({
    roomId,
    siteId: "t",
    visitorUserId: "@v:x",
    teamId: "t",
    status: "queued" as const,
    createdAt: now,
    lastActivityAt: now,
    ...over,
  });
  await db
    .insert(schema.conversations)
    .values([
      conv("!busy"),
      conv("!q1"),
      conv("!q2"),
      conv("!declined", { declinedBy: ["@free:x"] }),
      conv("!closed", { status: "closed" }),
      conv("!q3"),
      conv("!q4"),
    ]);
  // @full:x holds one open conversation; @ticketed:x holds a pending routing ticket.
  await claimConversation(db, "!busy", "@full:x", now);
  await db.insert(schema.routingTickets).values({
    id: "tk",
    visitorUserId: "@w:x",
    siteId: "t",
    teamId: "t",
    agentUserId: "@ticketed:x",
    createdAt: now,
    expiresAt: new Date(now.getTime() + 60_000),
  });
}, 60_000);
afterAll(async () => {
  await close();
});

describe("claimConversation (Take)", () => {
  const cases: { name: string; roomId: string; agent: string; expected: ClaimResult }[] = [
    { name: "an eligible agent under capacity takes it", roomId: "!q1", agent: "@free:x", expected: "ok" },
    { name: "taking it again is ok", roomId: "!q1", agent: "@free:x", expected: "ok" },
    { name: "someone else's is taken", roomId: "!q1", agent: "@off:x", expected: "taken" },
    { name: "an agent of another team may not", roomId: "!q2", agent: "@outsider:x", expected: "not-eligible" },
    { name: "nor one who declined it", roomId: "!declined", agent: "@free:x", expected: "not-eligible" },
    { name: "nor an unknown account", roomId: "!q2", agent: "@nobody:x", expected: "not-eligible" },
    { name: "an agent at capacity may not", roomId: "!q2", agent: "@full:x", expected: "at-capacity" },
    { name: "a pending routing ticket counts towards capacity", roomId: "!q2", agent: "@ticketed:x", expected: "at-capacity" },
    { name: "availability is not needed: taking is the agent's choice", roomId: "!q3", agent: "@off:x", expected: "ok" },
    { name: "a closed conversation cannot be taken", roomId: "!closed", agent: "@free:x", expected: "closed" },
    { name: "an unknown room", roomId: "!nowhere", agent: "@free:x", expected: "not-found" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expect(await db.transaction((tx) => claimConversation(tx, c.roomId, c.agent, now))).toBe(c.expected);
    });
  }

  it("assigns (not yet accepted) with the next candidates as stand-bys; a refusal changes nothing", async () => {
    const [q1] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, "!q1"));
    expect(q1).toMatchObject({ status: "assigned", agentUserId: "@free:x", acceptedAt: null });
    // The others are full, offline or of another team.
    expect(q1?.standbyUserIds).toEqual(["@spare:x"]);
    const [q2] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, "!q2"));
    expect(q2).toMatchObject({ status: "queued", agentUserId: null, version: 1 });
  });
});
