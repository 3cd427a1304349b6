// Closed conversations for the router benches (router-slope, router-heap, router-memory-ab): each one
// real (a Node visitor starts it through the app, the router records and routes it, the visitor ends
// it), counted once the router has left its room.
import { and, eq, isNotNull, sql } from "drizzle-orm";
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

/** Starts and ends conversations with `visitors` side by side until the router has left `target` of the site's. */
export async function seedClosed(db: Db, visitors: NodeVisitor[], siteId: string, target: number): Promise<void> {
  let todo = target - (await leftCount(db, siteId));
  await Promise.all(
    visitors.map(async (v) => {
      while (todo > 0) {
        todo--;
        const roomId = await v.startConversation(siteId);
        await eventually("recorded", async () => (await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId)))[0], 60_000);
        await v.end(roomId);
      }
    }),
  );
  await eventually(`left ${target}`, async () => ((await leftCount(db, siteId)) >= target ? true : undefined), 600_000);
}
