import { eq } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../drizzle/schema";
import type { Db } from "../lib/conversation/transitions";
import { migratedPglite } from "../lib/testing/migrated-pglite";
import { startPushReceiver } from "../lib/testing/push-receiver";
import { testPushSubscriber } from "../lib/testing/push-subscriber";
import { createPushNotifier, webPushSender } from "./push-notifier";

describe("push notifier (embedded PostgreSQL, real web-push encryption, a local HTTP push service)", () => {
  let db: Db;
  let close: () => Promise<void>;
  let service: Awaited<ReturnType<typeof startPushReceiver>>;
  const phone = testPushSubscriber();
  const log: string[] = [];
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.com" };
  let notifier: ReturnType<typeof createPushNotifier>;
  const room = "!conv1:hs";

  beforeAll(async () => {
    ({ db, close } = await migratedPglite());
    service = await startPushReceiver();
    notifier = createPushNotifier(db, { presenceTtlMs: 75_000, windowMs: 60_000, intervalMs: 1000 }, webPushSender(vapid), (m) => log.push(m));
    await db.insert(schema.agents).values([
      { userId: "@ann:hs", displayName: "Ann" },
      { userId: "@gone:hs", displayName: "Gone", offboardedAt: new Date() },
    ]);
    await db.insert(schema.sites).values({ id: "s", name: "Shop" });
    await db.insert(schema.pushSubscriptions).values([
      { agentUserId: "@ann:hs", ...phone.keys, endpoint: `${service.url}/ann-phone` },
      { agentUserId: "@ann:hs", ...phone.keys, endpoint: `${service.url}/gone` },
      { agentUserId: "@gone:hs", ...phone.keys, endpoint: `${service.url}/offboarded` },
    ]);
    await db.insert(schema.conversations).values([
      { roomId: room, siteId: "s", visitorUserId: "@visitor-1:hs", status: "assigned", agentUserId: "@ann:hs", assignedAt: new Date() },
      { roomId: "!conv2:hs", siteId: "s", visitorUserId: "@visitor-2:hs", status: "assigned", agentUserId: "@gone:hs", assignedAt: new Date() },
    ]);
  }, 60_000);
  afterAll(async () => {
    await service.stop();
    await close();
  });

  it("pushes a new assignment once, encrypted, with ids only; drops a subscription the service says is gone", async () => {
    await notifier.assignments(new Date());
    await notifier.assignments(new Date()); // a second pass (or a second router) pushes nothing more
    const toPhone = service.got.filter((g) => g.path === "/ann-phone");
    expect(toPhone).toHaveLength(1);
    const push = toPhone[0]!;
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.authorization).toMatch(/^vapid t=.+, k=/);
    // What the push service sees: no room id, no site name, no JSON key (ciphertext bytes only).
    for (const plain of [room, "conv1", "Shop", "assigned", '"kind"']) expect(push.body.includes(plain)).toBe(false);
    expect(JSON.parse(phone.open(push.body))).toEqual({ v: 1, kind: "assigned", roomId: room, eventId: null, site: "Shop" });
    expect(service.got.filter((g) => g.path === "/offboarded")).toHaveLength(0);
    const left = await db
      .select({ endpoint: schema.pushSubscriptions.endpoint })
      .from(schema.pushSubscriptions)
      .where(eq(schema.pushSubscriptions.agentUserId, "@ann:hs"));
    expect(left.map((r) => r.endpoint)).toEqual([`${service.url}/ann-phone`]);
  });

  it("pushes a visitor's message while the console is closed, with its event id, once per window", async () => {
    await db.update(schema.conversations).set({ status: "active" }).where(eq(schema.conversations.roomId, room));
    await db.delete(schema.pushNotices); // the assignment's push would hold the window
    await db.insert(schema.consolePresence).values({ agentUserId: "@ann:hs", seenAt: new Date() });
    const before = service.got.length;
    notifier.activity(room, "@visitor-1:hs", new Date(), "m.room.encrypted", "$m1");
    await new Promise((r) => setTimeout(r, 500));
    expect(service.got.length).toBe(before); // the console is open: it notifies in the page
    await db.update(schema.consolePresence).set({ seenAt: null });
    notifier.activity(room, "@ann:hs", new Date(), "m.room.encrypted", "$own"); // the agent's own message
    notifier.activity(room, "@visitor-1:hs", new Date(), "m.room.encrypted", "$m2");
    await expect.poll(() => service.got.length).toBe(before + 1);
    expect(JSON.parse(phone.open(service.got.at(-1)!.body))).toEqual({ v: 1, kind: "message", roomId: room, eventId: "$m2", site: "Shop" });
    notifier.activity(room, "@visitor-1:hs", new Date(), "m.room.encrypted", "$m3");
    await new Promise((r) => setTimeout(r, 500));
    expect(service.got.length).toBe(before + 1);
  });
});
