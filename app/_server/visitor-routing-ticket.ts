import "server-only";
import { isVisitorUserId, type RoutingTicket } from "../../lib/conversation/event-types";
import { batchedCalls } from "../../lib/batch/batched-calls";
import { issueVisitorTickets, type VisitorAsk } from "../../lib/conversation/issue-visitor-tickets";
import { joinedToRoom } from "../../lib/matrix/joined-to-room";
import { signTicket } from "../../lib/routing/ticket-signature";
import { db } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";
import { visitorOfToken } from "./visitor-identity";

/** What the widget gets before it creates the room: who it goes to, and the signed ticket. */
export type VisitorRoutingTicket = { status: "assigned" | "queued"; agentDisplayName: string | null; ticket: RoutingTicket };

// Requests arriving together (a burst): one query for their sites, then one transaction decides them all.
// Each answer says when its batch started, how long it took and how many it held (ROUTING_TICKET_TIMING).
const issue = batchedCalls(async (asks: VisitorAsk[]) => {
  const startedAt = performance.now();
  const tickets = await issueVisitorTickets(db(), asks, new Date());
  const batch = { startedAt, ms: performance.now() - startedAt, size: asks.length };
  return tickets.map((t) => (t ? { ...t, batch } : null));
});

/**
 * Routes a visitor's next conversation before any reader is in its room, and
 * signs the decision. Without `roomId` the widget creates the room with the
 * readers invited; with the id of the room the visitor prepared when the chat
 * opened, the ticket is bound to that room and the widget invites the readers
 * into it (one invite, the agent's first). Only a provisioned visitor of a
 * known site may ask, for its own site, and only for a room it is joined to
 * (asked of Synapse with the visitor's own token): a ticket for someone else's
 * room would let the visitor invite agents there. Whose token it is comes from
 * `visitor-identity.ts` (Synapse's `whoami`, remembered for a while).
 */
export async function issueVisitorRoutingTicket(visitorAccessToken: string, roomId?: string): Promise<VisitorRoutingTicket> {
  const e = env();
  const t0 = performance.now();
  const userId = await visitorOfToken(e.SYNAPSE_URL, visitorAccessToken);
  const t1 = performance.now();
  if (!userId) throw new Refusal(401, "Unknown or expired visitor token");
  if (!isVisitorUserId(userId)) throw new Refusal(403, "Only visitor accounts start conversations");
  if (roomId && !(await joinedToRoom(e.SYNAPSE_URL, visitorAccessToken, roomId, userId)))
    throw new Refusal(403, "You are not in this room: a routing ticket is only issued for a room you have joined");
  // The visitor's site is looked up with the rest of its batch (no database round trip of its own).
  const t2 = performance.now();
  const issued = await issue({ visitorUserId: userId, roomId });
  if (!issued) throw new Refusal(403, "This visitor account was not provisioned for any site");
  if (e.ROUTING_TICKET_TIMING)
    logTiming({ whoami: t1 - t0, membership: t2 - t1, queued: issued.batch.startedAt - t2, batch: issued.batch.ms, size: issued.batch.size });
  const expiresAt = issued.expiresAt.getTime();
  const sig = signTicket(e.ROUTING_TICKET_SECRET, { id: issued.id, visitorUserId: userId, siteId: issued.siteId, roomId, readers: issued.readers, expiresAt });
  return {
    status: issued.status,
    agentDisplayName: issued.agentDisplayName,
    ticket: { id: issued.id, readers: issued.readers, expires_at: expiresAt, sig, ...(roomId ? { room_id: roomId } : {}) },
  };
}

/** One line per ticket, read by `bench/routing-latency.ts` from the app's log. */
function logTiming(t: { whoami: number; membership: number; queued: number; batch: number; size: number }): void {
  console.log(`routing-ticket-timing ${JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`);
}
