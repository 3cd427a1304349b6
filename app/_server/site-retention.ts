import "server-only";
import { asc, eq } from "drizzle-orm";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

/** Each site's retention: days after a conversation's close before it is erased (0 keeps). */
export async function siteRetentions(): Promise<{ sites: { id: string; retentionDays: number }[] }> {
  const sites = await db().select({ id: schema.sites.id, retentionDays: schema.sites.retentionDays }).from(schema.sites).orderBy(asc(schema.sites.id));
  return { sites };
}

/** Sets one site's retention; 404 for an unknown site. */
export async function setSiteRetention(siteId: string, retentionDays: number): Promise<{ id: string; retentionDays: number }> {
  const [row] = await db()
    .update(schema.sites)
    .set({ retentionDays })
    .where(eq(schema.sites.id, siteId))
    .returning({ id: schema.sites.id, retentionDays: schema.sites.retentionDays });
  if (!row) throw new Refusal(404, "No such site");
  return row;
}
