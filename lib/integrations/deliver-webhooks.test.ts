import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { assignTo, closeConversation, transferConversation, type Db } from "../conversation/transitions";
import { migratedPglite } from "../testing/migrated-pglite";
import { claimDueDeliveries, deliverAll } from "./deliver-webhooks";
import { sealSecret } from "./secret-box";
import { verifyWebhookSignature } from "./webhook-signature";

const KEY = "integrations-key-for-tests-0123456789";
const SECRET = "whsec_test";
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await migratedPglite());
  await db.insert(schema.sites).values({ id: "s", name: "S" });
  await db.insert(schema.agents).values([
    { userId: "@a:x", displayName: "A" },
    { userId: "@b:x", displayName: "B" },
  ]);
});
afterAll(() => close());

type Received = { url: string; headers: Record<string, string>; body: string };
function receiver(statuses: number[]): { fetch: typeof fetch; got: Received[] } {
  const got: Received[] = [];
  const f = (async (url: string, init: RequestInit) => {
    got.push({ url, headers: init.headers as Record<string, string>, body: init.body as string });
    return new Response(null, { status: statuses.shift() ?? 200 });
  }) as unknown as typeof fetch;
  return { fetch: f, got };
}

async function endpoint(events: string[]): Promise<number> {
  const [e] = await db
    .insert(schema.webhookEndpoints)
    .values({ url: "https://hooks.example/x", events, secretBox: sealSecret(KEY, SECRET), createdBy: "@op:x" })
    .returning();
  return e!.id;
}

describe("webhook outbox and delivery", () => {
  it("queues events only for subscribed endpoints, in the state change's transaction, and sends them signed", async () => {
    const all = await endpoint(["conversation.assigned", "conversation.transferred", "conversation.closed"]);
    const closedOnly = await endpoint(["conversation.closed"]);
    await db.insert(schema.conversations).values({ roomId: "!r1:x", siteId: "s", visitorUserId: "@v:x" });
    const at = new Date();
    await db.transaction((tx) => assignTo(tx, "!r1:x", "@a:x", at));
    await db.transaction((tx) => transferConversation(tx, "!r1:x", { agentUserId: "@b:x" }, at));
    // A transaction that rolls back leaves no event behind.
    await db
      .transaction(async (tx) => {
        await closeConversation(tx, "!r1:x", "agent", at);
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(await db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.eventType, "conversation.closed"))).toEqual([]);
    await db.transaction((tx) => closeConversation(tx, "!r1:x", "agent", at));

    const rows = await db.select().from(schema.webhookDeliveries).orderBy(schema.webhookDeliveries.id);
    expect(rows.map((r) => [r.endpointId, r.eventType])).toEqual([
      [all, "conversation.assigned"],
      [all, "conversation.assigned"],
      [all, "conversation.transferred"],
      [all, "conversation.closed"],
      [closedOnly, "conversation.closed"],
    ]);

    const r = receiver([]);
    const now = new Date(Date.now() + 1000);
    await deliverAll(db, KEY, await claimDueDeliveries(db, now, 50), r.fetch);
    expect(r.got).toHaveLength(5);
    for (const g of r.got) expect(verifyWebhookSignature(SECRET, g.headers["sealdesk-signature"]!, g.body, Math.floor(Date.now() / 1000))).toBe("ok");
    const transferred = r.got
      .map((g) => JSON.parse(g.body) as { type: string; transfer?: unknown; conversation: { agent_id: string } })
      .find((p) => p.type === "conversation.transferred");
    expect(transferred).toMatchObject({ transfer: { from_agent_id: "@a:x" }, conversation: { agent_id: "@b:x" } });
    expect((await db.select().from(schema.webhookDeliveries)).every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
    expect(await claimDueDeliveries(db, new Date(Date.now() + 3_600_000), 50)).toEqual([]);
  });

  it("retries a failed delivery with backoff and logs each attempt; two workers never claim the same one", async () => {
    await db.delete(schema.webhookEndpoints);
    const id = await endpoint(["conversation.closed"]);
    await db.insert(schema.conversations).values({ roomId: "!r2:x", siteId: "s", visitorUserId: "@v:x" });
    await db.transaction((tx) => closeConversation(tx, "!r2:x", "visitor", new Date()));
    const now = new Date(Date.now() + 1000);
    const first = await claimDueDeliveries(db, now, 50);
    expect(first).toHaveLength(1);
    expect(await claimDueDeliveries(db, now, 50)).toEqual([]); // leased to the first worker
    const r = receiver([500, 204]);
    await deliverAll(db, KEY, first, r.fetch);
    const [pending] = await db.select().from(schema.webhookDeliveries);
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    const wait = pending!.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(4000);
    expect(wait).toBeLessThan(6000);
    expect(await claimDueDeliveries(db, now, 50)).toEqual([]); // not due yet
    const later = new Date(Date.now() + 6000);
    await deliverAll(db, KEY, await claimDueDeliveries(db, later, 50), r.fetch);
    const attempts = await db.select().from(schema.webhookAttempts).where(eq(schema.webhookAttempts.endpointId, id)).orderBy(schema.webhookAttempts.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.nextRetryAt !== null])).toEqual([
      [1, 500, true],
      [2, 204, false],
    ]);
    expect((await db.select().from(schema.webhookDeliveries))[0]).toMatchObject({ status: "delivered", attempts: 2 });
    // The same event id both times: the receiver can de-duplicate.
    expect(JSON.parse(r.got[0]!.body)).toEqual(JSON.parse(r.got[1]!.body));
  });
});
