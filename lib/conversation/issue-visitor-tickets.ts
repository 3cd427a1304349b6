import { eq, inArray } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { issueRoutingTickets, type IssuedTicket } from "./issue-routing-ticket";
import type { Db } from "./transitions";

/** A visitor (its Matrix identity already checked) asking where its next conversation goes. */
export type VisitorAsk = {
  visitorUserId: string;
  /** The room the visitor prepared (its membership already checked); the ticket is then bound to it. */
  roomId?: string;
};

/** A ticket with the site it was issued for, or null: the visitor was not provisioned for any site. */
export type VisitorTicket = (IssuedTicket & { siteId: string }) | null;

/**
 * Issues routing tickets for a batch of visitors in arrival order: one query
 * finds every visitor's site and team, then one transaction decides them all
 * ({@link issueRoutingTickets}). A burst costs two database round trips for
 * the lookups, not one per visitor. Answers one entry per ask, in order.
 */
export async function issueVisitorTickets(db: Db, asks: readonly VisitorAsk[], now: Date): Promise<VisitorTicket[]> {
  if (asks.length === 0) return [];
  const rows = await db
    .select({ userId: schema.visitors.userId, siteId: schema.visitors.siteId, teamId: schema.sites.teamId })
    .from(schema.visitors)
    .innerJoin(schema.sites, eq(schema.sites.id, schema.visitors.siteId))
    .where(inArray(schema.visitors.userId, [...new Set(asks.map((a) => a.visitorUserId))]));
  const site = new Map(rows.map((r) => [r.userId, r]));
  const known = asks.flatMap((a) => {
    const s = site.get(a.visitorUserId);
    return s ? [{ visitorUserId: a.visitorUserId, siteId: s.siteId, teamId: s.teamId, roomId: a.roomId }] : [];
  });
  const issued = await issueRoutingTickets(db, known, now);
  let next = 0;
  return asks.map((a) => {
    const s = site.get(a.visitorUserId);
    if (!s) return null;
    const ticket = issued[next++];
    if (!ticket) throw new Error(`issueRoutingTickets answered ${issued.length} tickets for ${known.length} requests`);
    return { ...ticket, siteId: s.siteId };
  });
}
