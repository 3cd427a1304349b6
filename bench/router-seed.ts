// Closed conversations for the router benches (router-slope, router-heap, router-memory-ab): each one
// real (a Node visitor starts it through the app, the router records and routes it, the visitor ends
// it), counted once the router has left its room.
import { randomBytes } from "node:crypto";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { Method } from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import type { NodeVisitor } from "../e2e/support/node-visitor";
import { eventually, type testDb } from "../e2e/support/routing-fixtures";

type Db = ReturnType<typeof testDb>["db"];

/** How many of the site's conversations the router has left. */
export async function leftCount(db: Db, siteId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.conversations)
    .where(and(eq(schema.conversations.siteId, siteId), isNotNull(schema.conversations.routerLeftAt)));
  return row?.n ?? 0;
}

/**
 * An m.room.encrypted event of a typical message's size without running Olm (the server,
 * and the router, cannot tell it from a real one; this bench measures the router, not crypto).
 */
export async function sendOpaque(v: NodeVisitor, roomId: string, n: number): Promise<void> {
  const content = {
    algorithm: "m.megolm.v1.aes-sha2",
    sender_key: randomBytes(32).toString("base64").replace(/=+$/, ""),
    session_id: randomBytes(32).toString("base64").replace(/=+$/, ""),
    device_id: "BENCHDEVICE",
    ciphertext: randomBytes(240).toString("base64").replace(/=+$/, ""),
  };
  await v.client.http.authedRequest(Method.Put, `/rooms/${encodeURIComponent(roomId)}/send/m.room.encrypted/bench-${n}-${Date.now()}`, undefined, content);
}

/**
 * Starts a conversation as a visitor does: a prepared room, its ticket, then the first message
 * (opaque). With no agent on the site's team the ticket names no reader to invite, and the
 * router routes a prepared room only once the visitor has started it (`bot/reconcile/plan-rooms.ts`).
 */
export async function startWithMessage(v: NodeVisitor, siteId: string): Promise<string> {
  const roomId = await v.startConversation(siteId);
  await sendOpaque(v, roomId, 0);
  return roomId;
}

/** Starts and ends conversations with `visitors` side by side until the router has left `target` of the site's. */
export async function seedClosed(db: Db, visitors: NodeVisitor[], siteId: string, target: number): Promise<void> {
  let todo = target - (await leftCount(db, siteId));
  await Promise.all(
    visitors.map(async (v) => {
      while (todo > 0) {
        todo--;
        const roomId = await startWithMessage(v, siteId);
        await eventually("recorded", async () => (await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId)))[0], 60_000);
        await v.end(roomId);
      }
    }),
  );
  await eventually(`left ${target}`, async () => ((await leftCount(db, siteId)) >= target ? true : undefined), 600_000);
}
