import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import * as schema from "../drizzle/schema";
import { closeConversation } from "../lib/conversation/transitions";
import { sealSecret } from "../lib/integrations/secret-box";
import { describeOnPostgres } from "./testing/scratch-postgres";
import { runWebhookDeliveries } from "./webhooks";

// Two routers' webhook workers at once on a real PostgreSQL (PGlite is one session:
// its locks cannot be tested). Skipped without TEST_POSTGRES_URL.
const KEY = "integrations-key-for-tests-0123456789";

describeOnPostgres("webhook workers in parallel on PostgreSQL", "sealdesk_webhooks", (pg) => {
  it("send every event exactly once", async () => {
    const received: string[] = [];
    // A slow receiver, so that both workers are busy at once.
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => setTimeout(() => (received.push((JSON.parse(body) as { id: string }).id), res.writeHead(204).end()), 10));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/h`;
    const seed = pg.connect();
    await seed.insert(schema.sites).values({ id: "s", name: "S" });
    // Two endpoints, each its own queue: deliveries of different endpoints go in parallel.
    for (const n of [1, 2])
      await seed
        .insert(schema.webhookEndpoints)
        .values({ url: `${hookUrl}${n}`, events: ["conversation.closed"], secretBox: sealSecret(KEY, "whsec_x"), createdBy: "@op:x" });
    const rooms = Array.from({ length: 20 }, (_, i) => `!w${i}:x`);
    await seed.insert(schema.conversations).values(rooms.map((roomId, i) => ({ roomId, siteId: "s", visitorUserId: `@visitor-${i}:x` })));
    for (const roomId of rooms) await seed.transaction((tx) => closeConversation(tx, roomId, "agent", new Date()));
    const settings = { intervalMs: 1000, integrationsKey: KEY, keepMs: 86_400_000, batch: 3 };
    const now = new Date(Date.now() + 1000);
    const [a, b] = await Promise.all([runWebhookDeliveries(pg.connect(), settings, now), runWebhookDeliveries(pg.connect(), settings, now)]);
    server.close();
    expect(a + b).toBe(40);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(received).toHaveLength(40);
    const deliveries = await seed.select().from(schema.webhookDeliveries);
    expect(deliveries.every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
    expect(await seed.select().from(schema.webhookAttempts)).toHaveLength(40);
  });
});
