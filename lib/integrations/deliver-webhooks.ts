import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import * as schema from "../../drizzle/schema";
import type { Db } from "../conversation/transitions";
import { isDelivered, nextRetryDelay } from "./webhook-backoff";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature";
import { openSecret } from "./secret-box";

const { webhookAttempts, webhookDeliveries, webhookEndpoints } = schema;

/**
 * How long a claim holds (ms): a worker that died mid-send is taken over after
 * it. Longer than a whole claimed batch to one endpoint can take (sent in
 * order, 10 s timeout each: 50 × 10 s), so a live worker never loses its claim.
 */
export const DELIVERY_LEASE_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;

/** A claimed delivery with what sending it needs. */
export type DueDelivery = {
  id: number;
  endpointId: number;
  eventType: string;
  payload: unknown;
  attempts: number;
  url: string;
  secretBox: string;
  enabled: boolean;
};

/**
 * Claims due deliveries, oldest first: row locks with SKIP LOCKED, then the
 * due time moved forward by a lease, so two workers (routers) never send the
 * same delivery at once, and one that died is retried after the lease.
 */
export async function claimDueDeliveries(db: Db, now: Date, limit: number): Promise<DueDelivery[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + DELIVERY_LEASE_MS) })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id });
  if (claimed.length === 0) return [];
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      eventType: webhookDeliveries.eventType,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      url: webhookEndpoints.url,
      secretBox: webhookEndpoints.secretBox,
      enabled: webhookEndpoints.enabled,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      inArray(
        webhookDeliveries.id,
        claimed.map((c) => c.id),
      ),
    )
    .orderBy(asc(webhookDeliveries.id));
  return rows;
}

type Outcome = { statusCode: number | null; error: string | null; durationMs: number };

/** One signed POST: the exact body bytes are signed, redirects are not followed, 10 s at most. */
async function send(d: DueDelivery, secret: string, fetchImpl: typeof fetch): Promise<Outcome> {
  const body = JSON.stringify(d.payload);
  // Signed when sent (not when claimed): a receiver refuses a timestamp older than its tolerance.
  const started = Date.now();
  try {
    const res = await fetchImpl(d.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Sealdesk-Webhooks/1",
        "sealdesk-event": d.eventType,
        "sealdesk-delivery": String(d.id),
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secret, Math.floor(started / 1000), body),
      },
      body,
    });
    await res.body?.cancel().catch(() => {}); // the answer's body is not kept
    return { statusCode: res.status, error: isDelivered(res.status) ? null : `HTTP ${res.status}`, durationMs: Date.now() - started };
  } catch (e) {
    return {
      statusCode: null,
      error: ((e as Error).name === "TimeoutError" ? "timed out" : (e as Error).message).slice(0, 200),
      durationMs: Date.now() - started,
    };
  }
}

/** Sends one claimed delivery and records the attempt: delivered, retried later (backoff), or given up. */
export async function deliverOne(db: Db, integrationsKey: string, d: DueDelivery, fetchImpl: typeof fetch = fetch): Promise<void> {
  const at = new Date();
  const attempt = d.attempts + 1;
  const outcome: Outcome = d.enabled
    ? await send(d, openSecret(integrationsKey, d.secretBox), fetchImpl)
    : { statusCode: null, error: "endpoint disabled", durationMs: 0 };
  const delivered = isDelivered(outcome.statusCode);
  const delay = delivered || !d.enabled ? null : nextRetryDelay(attempt);
  const nextRetryAt = delay === null ? null : new Date(Date.now() + delay);
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({ deliveryId: d.id, endpointId: d.endpointId, attempt, ...outcome, at, nextRetryAt });
    await tx
      .update(webhookDeliveries)
      .set(
        nextRetryAt
          ? { attempts: attempt, nextAttemptAt: nextRetryAt }
          : { attempts: attempt, status: delivered ? "delivered" : "failed", finishedAt: new Date() },
      )
      .where(eq(webhookDeliveries.id, d.id));
  });
}

/** Sends claimed deliveries: endpoints in parallel, each endpoint's in order (oldest first). */
export async function deliverAll(db: Db, integrationsKey: string, due: DueDelivery[], fetchImpl: typeof fetch = fetch): Promise<void> {
  const byEndpoint = new Map<number, DueDelivery[]>();
  for (const d of due) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
  await Promise.all(
    [...byEndpoint.values()].map(async (list) => {
      for (const d of list) await deliverOne(db, integrationsKey, d, fetchImpl);
    }),
  );
}

/** Drops finished deliveries (and their attempts) older than `keepMs`: the log stays bounded. */
export async function pruneDeliveries(db: Db, now: Date, keepMs: number): Promise<void> {
  await db
    .delete(webhookDeliveries)
    .where(and(sql`${webhookDeliveries.status} <> 'pending'`, lt(webhookDeliveries.finishedAt, new Date(now.getTime() - keepMs))));
}
