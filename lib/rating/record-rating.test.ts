import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import type { Db } from "../conversation/transitions";
import { migratedPglite } from "../testing/migrated-pglite";
import { ratingGroups, recordRating } from "./record-rating";
import { ratingReport } from "./rating-report";

let db: Db;
let close: () => Promise<void>;
const now = new Date("2026-12-06T10:00:00Z");
const V = "@visitor-a:x";

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
  await db.insert(schema.teams).values({ id: "t", name: "T" });
  await db.insert(schema.sites).values({ id: "s", name: "S", teamId: "t" });
  await db.insert(schema.agents).values({ userId: "@a:x", displayName: "A" });
  await db
    .insert(schema.webhookEndpoints)
    .values({ url: "https://hooks.example/x", events: ["conversation.rated"], secretBox: "v1.x.y.z", createdBy: "@op:x" });
  const row = { siteId: "s", visitorUserId: V, teamId: "t", agentUserId: "@a:x" };
  await db.insert(schema.conversations).values([
    { ...row, roomId: "!closed:x", status: "closed", closedAt: now },
    { ...row, roomId: "!open:x", status: "active" },
  ]);
});
afterAll(() => close());

const ratings = async () => db.select().from(schema.conversationRatings);
const deliveries = async () => db.select().from(schema.webhookDeliveries);

describe("recordRating", () => {
  it("refuses an open conversation, another visitor's and an unknown one, changing nothing", async () => {
    expect(await recordRating(db, V, { room_id: "!open:x", score: 4 }, now)).toMatchObject({ status: 409 });
    expect(await recordRating(db, "@visitor-b:x", { room_id: "!closed:x", score: 1 }, now)).toMatchObject({ status: 404 });
    expect(await recordRating(db, V, { room_id: "!nope:x", score: 4 }, now)).toMatchObject({ status: 404 });
    expect(await ratings()).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it("stores the visitor's score once and queues conversation.rated with the score and ids only", async () => {
    expect(await recordRating(db, V, { room_id: "!closed:x", score: 4 }, now)).toEqual({ score: 4 });
    expect(await recordRating(db, V, { room_id: "!closed:x", score: 1 }, now)).toMatchObject({ status: 409 });
    expect(await ratings()).toEqual([{ roomId: "!closed:x", score: 4, ratedAt: now }]);
    const [d, more] = await deliveries();
    expect(more).toBeUndefined();
    expect(d?.eventType).toBe("conversation.rated");
    expect(d?.payload).toMatchObject({
      type: "conversation.rated",
      rating: { score: 4 },
      conversation: { id: "!closed:x", site_id: "s", team_id: "t", agent_id: "@a:x" },
    });
  });

  it("reports live ratings and the counts erased conversations left", async () => {
    await db.insert(schema.conversationStats).values({ day: "2026-12-01", siteId: "s", teamId: "t", agentUserId: "@a:x", ratings: 2, ratingScoreSum: 3 });
    const r = ratingReport(await ratingGroups(db));
    expect(r.agents).toEqual([{ id: "@a:x", ratings: 3, scoreSum: 7, average: 2.33 }]);
    expect(r.sites).toEqual([{ id: "s", ratings: 3, scoreSum: 7, average: 2.33 }]);
  });
});
