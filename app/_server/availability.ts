import "server-only";
import { eq } from "drizzle-orm";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

type Availability = { availability: "available" | "away" | "offline"; maxConcurrent: number };

/** An agent's availability and capacity (offline, 5 when unknown). */
export async function availabilityOf(userId: string): Promise<Availability> {
  const [row] = await db().select().from(schema.agents).where(eq(schema.agents.userId, userId));
  return { availability: row?.availability ?? "offline", maxConcurrent: row?.maxConcurrent ?? 5 };
}

/** Changes an agent's availability and/or capacity; answers the new values. */
export async function setAvailability(userId: string, change: Partial<Availability>): Promise<Availability> {
  const [row] = await db().update(schema.agents).set(change).where(eq(schema.agents.userId, userId)).returning();
  // Signed in, but no longer an agent (removed since).
  if (!row) throw new Refusal(404, "You are not an agent here any more");
  return { availability: row.availability, maxConcurrent: row.maxConcurrent };
}
