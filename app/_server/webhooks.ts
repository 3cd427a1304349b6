import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { addWebhookRoute } from "../../lib/console-api/integration-routes";
import { newWebhookSecret, sealSecret } from "../../lib/integrations/secret-box";
import { webhookUrlProblem } from "../../lib/integrations/webhook-url";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";

const { webhookAttempts, webhookDeliveries, webhookEndpoints } = schema;
const LOG_LENGTH = 50;

function listing(e: typeof webhookEndpoints.$inferSelect) {
  return { id: e.id, url: e.url, events: e.events, description: e.description, enabled: e.enabled, createdAt: e.createdAt.toISOString() };
}

/** Every endpoint, oldest first (no secrets). */
export async function listWebhooks() {
  return (await db().select().from(webhookEndpoints).orderBy(webhookEndpoints.id)).map(listing);
}

/** Registers an endpoint with a new signing secret, stored encrypted; answers the secret this once. */
export async function addWebhook(input: z.output<typeof addWebhookRoute.body>, by: string) {
  const key = env().INTEGRATIONS_KEY;
  if (!key) throw new Refusal(503, "Webhooks are not set up on this server: set INTEGRATIONS_KEY for the app and the router");
  const problem = webhookUrlProblem(input.url, env().WEBHOOK_ALLOW_LOCAL_HTTP);
  if (problem) throw new Refusal(400, `url: ${problem}`);
  const secret = newWebhookSecret();
  const [row] = await db()
    .insert(webhookEndpoints)
    .values({ url: input.url, events: [...new Set(input.events)], description: input.description, secretBox: sealSecret(key, secret), createdBy: by })
    .returning();
  if (!row) throw new Error("endpoint not stored");
  return { ...listing(row), secret };
}

/** Removes an endpoint; its queued deliveries and log go with it. */
export async function deleteWebhook(id: number) {
  const [row] = await db().delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  if (!row) throw new Refusal(404, "No such webhook endpoint");
  return row;
}

/** The endpoint's latest attempts (newest first) and how many deliveries wait to be sent. */
export async function webhookLog(endpointId: number) {
  const [endpoint] = await db().select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  if (!endpoint) throw new Refusal(404, "No such webhook endpoint");
  const attempts = await db()
    .select({ a: webhookAttempts, eventId: webhookDeliveries.eventId, eventType: webhookDeliveries.eventType })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(eq(webhookAttempts.endpointId, endpointId))
    .orderBy(desc(webhookAttempts.id))
    .limit(LOG_LENGTH);
  const [waiting] = await db()
    .select({ n: count() })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")));
  return {
    attempts: attempts.map(({ a, eventId, eventType }) => ({
      deliveryId: a.deliveryId,
      eventId,
      eventType,
      attempt: a.attempt,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
      at: a.at.toISOString(),
      nextRetryAt: a.nextRetryAt?.toISOString() ?? null,
    })),
    waiting: waiting?.n ?? 0,
  };
}
