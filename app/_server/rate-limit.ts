import "server-only";
import { lt, sql } from "drizzle-orm";
import { db, schema } from "./db";

/** Outcome of counting one attempt against a limit. */
export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one attempt for `key` in the current fixed window and says whether it
 * is within `limit`. The counter is a PostgreSQL row updated atomically, so
 * several app replicas share it. Refused attempts count too (a client that
 * keeps hammering stays refused until the window ends).
 */
export async function countAttempt(key: string, limit: number, windowMs: number, now = Date.now()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const t = schema.rateLimitHits;
  const [row] = await db()
    .insert(t)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [t.key, t.windowStart], set: { hits: sql`${t.hits} + 1` } })
    .returning({ hits: t.hits });
  // Old windows are useless: drop them as we go (indexed by window_start).
  await db()
    .delete(t)
    .where(lt(t.windowStart, new Date(now - 2 * windowMs)));
  // An upsert always answers its row.
  if (!row) throw new Error("rate limit upsert returned no row");
  if (row.hits <= limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)) };
}
