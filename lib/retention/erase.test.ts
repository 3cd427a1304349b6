import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";
import { deleteOwnConversation, eraseRoom, eraseVisitor, eraseVisitorIfDone } from "./erase";
import { claimAbandoned, claimExpired } from "./erasure-rows";
import { acknowledgeErasedRooms, erasedRoomsOf } from "./key-shredding";
import type { ErasureAdmin } from "./synapse-admin";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "drizzle", "migrations");

/** Synapse's admin API in memory: rooms with their creator and members, accounts and what was done. */
function fakeAdmin() {
  const rooms = new Map<string, { creator: string; members: Set<string> }>();
  const done: string[] = [];
  const deactivated = new Set<string>();
  const admin: ErasureAdmin = {
    async purgeRoom(roomId) {
      done.push(`purge ${roomId}`);
      rooms.delete(roomId);
    },
    async deactivate(userId) {
      done.push(`deactivate ${userId}`);
      deactivated.add(userId);
      for (const r of rooms.values()) r.members.delete(userId);
    },
    joinedRooms: async (userId) => [...rooms].filter(([, r]) => r.members.has(userId)).map(([id]) => id),
    roomCreator: async (roomId) => rooms.get(roomId)?.creator ?? null,
  };
  return { admin, rooms, done, deactivated };
}

describe("retention and erasure on embedded PostgreSQL", () => {
  let pg: PGlite;
  let db: Db;
  let n = 0;
  beforeAll(async () => {
    pg = new PGlite();
    const d = drizzle(pg, { schema });
    await migrate(d, { migrationsFolder });
    db = d as unknown as Db;
    await db.insert(schema.teams).values({ id: "t", name: "T" });
    await db.insert(schema.agents).values({ userId: "@a:x", displayName: "A" });
    await db.insert(schema.sites).values([
      { id: "s", name: "S", teamId: "t", retentionDays: 2 },
      { id: "keep", name: "Keep", teamId: "t", retentionDays: 0 },
    ]);
  }, 60_000);
  afterAll(async () => {
    await pg.close();
  });

  const day = 86_400_000;
  const now = new Date("2026-06-10T12:00:00Z");
  /** A visitor with a conversation closed `closedDaysAgo` days ago (null: open), assigned once and accepted after a minute. */
  async function conversation(opts: { siteId?: string; closedDaysAgo: number | null; visitor?: string }) {
    const visitor = opts.visitor ?? `@visitor-${++n}:x`;
    const roomId = `!r${++n}:x`;
    const createdAt = new Date(now.getTime() - 10 * day);
    await db
      .insert(schema.visitors)
      .values({ userId: visitor, siteId: opts.siteId ?? "s" })
      .onConflictDoNothing();
    const closed = opts.closedDaysAgo !== null;
    await db.insert(schema.conversations).values({
      roomId,
      siteId: opts.siteId ?? "s",
      visitorUserId: visitor,
      teamId: "t",
      agentUserId: "@a:x",
      status: closed ? "closed" : "active",
      createdAt,
      acceptedAt: new Date(createdAt.getTime() + 60_000),
      closedAt: closed ? new Date(now.getTime() - opts.closedDaysAgo! * day) : null,
    });
    await db.insert(schema.assignments).values({
      roomId,
      agentUserId: "@a:x",
      assignedAt: createdAt,
      acceptedAt: createdAt,
      endedAt: closed ? createdAt : null,
      outcome: closed ? "closed" : null,
    });
    await db.insert(schema.auditSnapshots).values({ roomId, takenAt: createdAt, checkedAt: createdAt, alertCount: 0, snapshot: { members: [visitor] } });
    await db.insert(schema.conversationNotes).values({ roomId, notesRoomId: `!notes-${roomId.slice(1)}`, createdBy: "@a:x" });
    return { roomId, visitor };
  }
  /** The visitor consented to reply emails and one was sent for the room: both rows must go with them. */
  const withEmail = async (visitor: string, roomId: string): Promise<void> => {
    await db
      .insert(schema.visitorContacts)
      .values({ visitorUserId: visitor, siteId: "s", email: `${visitor.slice(1, 12)}@mail.example`, pageUrl: "https://shop.example/" });
    await db.insert(schema.replyEmails).values({ roomId, sentAt: now });
  };
  /** A webhook delivery (and its attempt) about the room: metadata naming the room and visitor, which must go with them. */
  const withWebhookDelivery = async (visitor: string, roomId: string): Promise<void> => {
    const [e] = await db
      .insert(schema.webhookEndpoints)
      .values({ url: "https://hooks.example/x", events: ["conversation.closed"], secretBox: "v1.x.y.z", createdBy: "@op:x" })
      .returning();
    const payload = { id: `evt-${roomId}`, type: "conversation.closed", conversation: { id: roomId, visitor_id: visitor } };
    const [d] = await db
      .insert(schema.webhookDeliveries)
      .values({ endpointId: e!.id, eventId: payload.id, eventType: payload.type, payload, status: "delivered", nextAttemptAt: now })
      .returning();
    await db.insert(schema.webhookAttempts).values({ deliveryId: d!.id, endpointId: e!.id, attempt: 1, statusCode: 200, durationMs: 5, at: now });
  };
  const rowsNaming = async (value: string): Promise<string[]> => {
    const tables = [
      "visitors",
      "conversations",
      "assignments",
      "audit_snapshots",
      "conversation_notes",
      "routing_tickets",
      "abandoned_rooms",
      "prepared_rooms",
      "conversation_stats",
      "visitor_contacts",
      "reply_emails",
      "webhook_deliveries",
      "conversation_ratings",
    ];
    const hits: string[] = [];
    for (const t of tables) {
      const r = await pg.query<{ n: number }>(`select count(*)::int as n from ${t} x where x::text like '%' || $1 || '%'`, [value]);
      if ((r.rows[0]?.n ?? 0) > 0) hits.push(t);
    }
    return hits;
  };
  const stats = async () =>
    (await db.select().from(schema.conversationStats)).reduce(
      (a, r) => ({
        conversations: a.conversations + r.conversations,
        waits: a.waits + r.waits,
        assignments: a.assignments + r.assignments,
        ratings: a.ratings + r.ratings,
        ratingScoreSum: a.ratingScoreSum + r.ratingScoreSum,
      }),
      { conversations: 0, waits: 0, assignments: 0, ratings: 0, ratingScoreSum: 0 },
    );

  it("claims only conversations past their site's retention (0 keeps), each once while its lease holds", async () => {
    const expired = await conversation({ closedDaysAgo: 3 });
    const recent = await conversation({ closedDaysAgo: 1 });
    const kept = await conversation({ siteId: "keep", closedDaysAgo: 300 });
    const open = await conversation({ closedDaysAgo: null });
    const claimed = (await claimExpired(db, now, 86_400, 100)).map((c) => c.roomId);
    expect(claimed).toContain(expired.roomId);
    for (const r of [recent, kept, open]) expect(claimed).not.toContain(r.roomId);
    expect((await claimExpired(db, now, 86_400, 100)).map((c) => c.roomId)).not.toContain(expired.roomId); // another router skips it
    expect((await claimExpired(db, new Date(now.getTime() + 11 * 60_000), 86_400, 100)).map((c) => c.roomId)).toContain(expired.roomId); // lease over: taken over
    // Seconds instead of days (tests): the one closed a day ago is past 2 "seconds".
    expect((await claimExpired(db, now, 1, 100)).map((c) => c.roomId)).toContain(recent.roomId);
  });

  it("erasing a room purges it and its notes room, drops every row naming it, keeps the counts once, then erases the visitor", async () => {
    const fake = fakeAdmin();
    const c = await conversation({ closedDaysAgo: 5 });
    fake.rooms.set(c.roomId, { creator: c.visitor, members: new Set([c.visitor]) });
    await withEmail(c.visitor, c.roomId);
    await withWebhookDelivery(c.visitor, c.roomId);
    await db.insert(schema.conversationRatings).values({ roomId: c.roomId, score: 4 });
    await db.insert(schema.preparedRooms).values({ roomId: c.roomId, visitorUserId: c.visitor, seenAt: now }); // a record the router left behind
    const before = await stats();
    await eraseRoom({ db, admin: fake.admin }, c.roomId);
    await eraseRoom({ db, admin: fake.admin }, c.roomId); // idempotent: counted once
    expect(fake.done).toEqual([`purge ${c.roomId}`, `purge !notes-${c.roomId.slice(1)}`, `purge ${c.roomId}`]);
    expect(await rowsNaming(c.roomId)).toEqual([]);
    expect((await pg.query<{ n: number }>("select count(*)::int as n from webhook_attempts")).rows[0]?.n).toBe(0);
    expect(await stats()).toEqual({
      conversations: before.conversations + 1,
      waits: before.waits + 1,
      assignments: before.assignments + 1,
      ratings: before.ratings + 1,
      ratingScoreSum: before.ratingScoreSum + 4,
    });
    expect(await eraseVisitorIfDone({ db, admin: fake.admin }, c.visitor)).toBe(true);
    expect(fake.deactivated.has(c.visitor)).toBe(true);
    expect(await rowsNaming(c.visitor)).toEqual([]);
  });

  it("keeps the visitor's account while another conversation of theirs remains, or while they are in a room", async () => {
    const fake = fakeAdmin();
    const first = await conversation({ closedDaysAgo: 5 });
    await conversation({ closedDaysAgo: 1, visitor: first.visitor });
    await eraseRoom({ db, admin: fake.admin }, first.roomId);
    expect(await eraseVisitorIfDone({ db, admin: fake.admin }, first.visitor)).toBe(false);
    const alone = await conversation({ closedDaysAgo: 5 });
    fake.rooms.set("!prepared:x", { creator: alone.visitor, members: new Set([alone.visitor]) }); // a chat open right now
    await eraseRoom({ db, admin: fake.admin }, alone.roomId);
    expect(await eraseVisitorIfDone({ db, admin: fake.admin }, alone.visitor)).toBe(false);
    expect(fake.deactivated.size).toBe(0);
  });

  it("a GDPR erasure takes every conversation, abandoned and prepared room of the visitor, not another's room; audited; idempotent", async () => {
    const fake = fakeAdmin();
    const a = await conversation({ closedDaysAgo: null });
    const b = await conversation({ closedDaysAgo: 1, visitor: a.visitor });
    await withEmail(a.visitor, b.roomId);
    await db.insert(schema.abandonedRooms).values({ roomId: "!abandoned:x", visitorUserId: a.visitor, leftAt: now });
    fake.rooms.set("!prepared2:x", { creator: a.visitor, members: new Set([a.visitor]) });
    await db.insert(schema.preparedRooms).values({ roomId: "!prepared2:x", visitorUserId: a.visitor, seenAt: now }); // the router's record of it
    fake.rooms.set("!someone-else:x", { creator: "@visitor-other:x", members: new Set([a.visitor]) });
    expect(await eraseVisitor({ db, admin: fake.admin }, a.visitor, "@op:x")).toEqual({ conversations: 2 });
    for (const r of [a.roomId, b.roomId, "!abandoned:x", "!prepared2:x"]) expect(fake.done).toContain(`purge ${r}`);
    expect(fake.done).not.toContain("purge !someone-else:x");
    expect(await rowsNaming(a.visitor)).toEqual([]);
    expect(await eraseVisitor({ db, admin: fake.admin }, a.visitor, "@op:x")).toEqual({ conversations: 0 });
    const audit = await db.select().from(schema.erasures).where(eq(schema.erasures.visitorUserId, a.visitor));
    expect(audit.map((r) => [r.erasedBy, r.conversations])).toEqual([
      ["@op:x", 2],
      ["@op:x", 0],
    ]);
    expect(await eraseVisitor({ db, admin: fake.admin }, "@a:x", "@op:x")).toBe("not-a-visitor");
    expect(fake.deactivated.has("@a:x")).toBe(false);
  });

  it("a visitor deletes only their own conversation, then their account", async () => {
    const fake = fakeAdmin();
    const mine = await conversation({ closedDaysAgo: null });
    const other = await conversation({ closedDaysAgo: null });
    expect(await deleteOwnConversation({ db, admin: fake.admin }, mine.visitor, other.roomId)).toBe("not-yours");
    expect(fake.done).toEqual([]);
    expect(await deleteOwnConversation({ db, admin: fake.admin }, mine.visitor, mine.roomId)).toEqual({ accountErased: true });
    expect(await rowsNaming(mine.roomId)).toEqual([]);
    expect(await rowsNaming(other.roomId)).not.toEqual([]);
  });

  it("an erased conversation is listed for its agents' consoles (room and notes room) until each acknowledges; no one else sees it", async () => {
    const fake = fakeAdmin();
    await db
      .insert(schema.agents)
      .values([
        { userId: "@team:x", displayName: "T" },
        { userId: "@outsider:x", displayName: "O" },
      ])
      .onConflictDoNothing();
    await db.insert(schema.teamMembers).values({ teamId: "t", agentUserId: "@team:x" }).onConflictDoNothing();
    const c = await conversation({ closedDaysAgo: 5 });
    const notes = `!notes-${c.roomId.slice(1)}`;
    await eraseRoom({ db, admin: fake.admin }, c.roomId);
    expect(await erasedRoomsOf(db, "@a:x")).toEqual(expect.arrayContaining([c.roomId, notes]));
    expect(await erasedRoomsOf(db, "@team:x")).toEqual(expect.arrayContaining([c.roomId, notes])); // invited while queued
    expect(await erasedRoomsOf(db, "@outsider:x")).toEqual([]);
    // Another agent cannot acknowledge for them.
    expect(await acknowledgeErasedRooms(db, "@outsider:x", [c.roomId])).toBe(0);
    expect(await acknowledgeErasedRooms(db, "@a:x", [c.roomId, notes])).toBe(2);
    expect(await erasedRoomsOf(db, "@a:x")).not.toContain(c.roomId);
    expect(await erasedRoomsOf(db, "@team:x")).toContain(c.roomId);
    await acknowledgeErasedRooms(db, "@team:x", [c.roomId, notes]);
    const left = await pg.query<{ n: number }>(`select count(*)::int as n from erased_room_keys where room_id in ($1, $2)`, [c.roomId, notes]);
    expect(left.rows[0]?.n).toBe(0);
  });

  it("claims abandoned prepared rooms after the delay", async () => {
    await db.insert(schema.abandonedRooms).values({ roomId: "!old:x", visitorUserId: "@visitor-z:x", leftAt: new Date(now.getTime() - 2 * day) });
    await db.insert(schema.abandonedRooms).values({ roomId: "!new:x", visitorUserId: "@visitor-z:x", leftAt: now });
    const claimed = (await claimAbandoned(db, now, day, 10)).map((r) => r.roomId);
    expect(claimed).toContain("!old:x");
    expect(claimed).not.toContain("!new:x");
  });
});
