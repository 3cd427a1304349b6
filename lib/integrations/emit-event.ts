import { randomUUID } from "node:crypto";
import { and, arrayContains, eq } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";
import type { WebhookEventType } from "./webhook-events";
import { webhookPayload, type EventDetails } from "./webhook-payload";

const { conversations, webhookDeliveries, webhookEndpoints } = schema;

/**
 * The outbox: queues an event for every enabled endpoint subscribed to it, in
 * the caller's transaction (call it after the state change, in the same
 * transaction), so the event is committed exactly when the change is and is
 * never lost; the delivery worker sends it later. Costs one query when no
 * endpoint subscribes. The payload is built from the conversation's row as it
 * is now (metadata only).
 */
export async function emitConversationEvent(tx: Db, type: WebhookEventType, roomId: string, at: Date, details: EventDetails = {}): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), arrayContains(webhookEndpoints.events, [type])));
  if (endpoints.length === 0) return;
  const [c] = await tx.select().from(conversations).where(eq(conversations.roomId, roomId));
  if (!c) return;
  const eventId = `evt_${randomUUID()}`;
  const payload = webhookPayload(eventId, type, at, c, details);
  await tx.insert(webhookDeliveries).values(endpoints.map((e) => ({ endpointId: e.id, eventId, eventType: type, payload, nextAttemptAt: at })));
}
