import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";
import { migratedPglite } from "../testing/migrated-pglite";
import { claimReplyEmail, releaseReplyEmail, replyFacts } from "./reply-email-rows";

describe("reply email rows on embedded PostgreSQL", () => {
  let close: () => Promise<void>;
  let db: Db;
  const now = new Date("2026-12-06T10:00:00Z");
  const min = 60_000;
  beforeAll(async () => {
    ({ db, close } = await migratedPglite());
    await db.insert(schema.agents).values({ userId: "@a:x", displayName: "A" });
    await db.insert(schema.sites).values({ id: "s", name: "Shop" });
    await db.insert(schema.conversations).values([
      { roomId: "!r1:x", siteId: "s", visitorUserId: "@visitor-1:x" },
      { roomId: "!r2:x", siteId: "s", visitorUserId: "@visitor-2:x" },
    ]);
    await db.insert(schema.visitorContacts).values({ visitorUserId: "@visitor-1:x", siteId: "s", email: "v@mail.example", pageUrl: "https://shop.example/p" });
  }, 60_000);
  afterAll(async () => {
    await close();
  });

  it("reads the visitor's consented contact, the site name and whether the sender is an agent", async () => {
    expect(await replyFacts(db, "!r1:x", "@a:x")).toEqual({
      visitorUserId: "@visitor-1:x",
      siteName: "Shop",
      senderIsAgent: true,
      contact: { email: "v@mail.example", pageUrl: "https://shop.example/p", lastOpenAt: null },
    });
    expect(await replyFacts(db, "!r2:x", "@visitor-2:x")).toMatchObject({ senderIsAgent: false, contact: null });
    expect(await replyFacts(db, "!nope:x", "@a:x")).toBeNull();
  });

  it("grants one claim per conversation per window, even to racing routers", async () => {
    const race = await Promise.all([1, 2, 3].map(() => claimReplyEmail(db, "!r1:x", now, 30 * min)));
    expect(race.filter(Boolean)).toHaveLength(1);
    expect(await claimReplyEmail(db, "!r1:x", new Date(now.getTime() + 29 * min), 30 * min)).toBe(false);
    expect(await claimReplyEmail(db, "!r1:x", new Date(now.getTime() + 31 * min), 30 * min)).toBe(true);
  });

  it("a released claim (the SMTP server refused) lets the next reply try again", async () => {
    expect(await claimReplyEmail(db, "!r2:x", now, 30 * min)).toBe(true);
    await releaseReplyEmail(db, "!r2:x", now);
    expect(await claimReplyEmail(db, "!r2:x", new Date(now.getTime() + min), 30 * min)).toBe(true);
  });
});
