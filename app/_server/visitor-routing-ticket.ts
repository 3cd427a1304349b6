import "server-only";
import { inArray } from "drizzle-orm";
import { isVisitorUserId, type RoutingTicket } from "../../lib/conversation/event-types";
import { batchedCalls } from "../../lib/batch/batched-calls";
import { issueVisitorTickets, type VisitorAsk } from "../../lib/conversation/issue-visitor-tickets";
import { ticketRoomVerdict } from "../../lib/conversation/ticket-room-check";
import { joinedToRoom } from "../../lib/matrix/joined-to-room";
import { signTicket } from "../../lib/routing/ticket-signature";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";
import { visitorOfToken } from "./visitor-identity";

/** What the widget gets before it invites the readers: who it goes to, and the signed ticket. */
export type VisitorRoutingTicket = { status: "assigned" | "queued"; agentDisplayName: string | null; ticket: RoutingTicket };

/** The answer to a ticket asked without the room it is for (an old widget's cold start). */
export const PREPARE_FIRST = "Prepare the conversation's room first: a routing ticket is only issued for a room you prepared";

// Requests arriving together (a burst): one query for their sites, then one transaction decides them all.
// Each answer says when its batch started, how long it took and how many it held (ROUTING_TICKET_TIMING).
const issue = batchedCalls(async (asks: VisitorAsk[]) => {
  const startedAt = performance.now();
  const tickets = await issueVisitorTickets(db(), asks, new Date());
  const batch = { startedAt, ms: performance.now() - startedAt, size: asks.length };
  return tickets.map((t) => (t ? { ...t, batch } : null));
});

// Who the router recorded as each prepared room's creator (still joined): one query per batch of arrivals.
const recordedVisitor = batchedCalls(async (roomIds: string[]) => {
  const rows = await db()
    .select({ roomId: schema.preparedRooms.roomId, visitorUserId: schema.preparedRooms.visitorUserId })
    .from(schema.preparedRooms)
    .where(inArray(schema.preparedRooms.roomId, [...new Set(roomIds)]));
  const byRoom = new Map(rows.map((r) => [r.roomId, r.visitorUserId]));
  return roomIds.map((id) => byRoom.get(id) ?? null);
});

/**
 * Whether the visitor may have a ticket bound to the room: the router's record
 * of the prepared room's creator, or else Synapse, asked with the visitor's own
 * token ({@link ticketRoomVerdict}). True when Synapse had to be asked.
 */
async function checkRoom(synapseUrl: string, accessToken: string, userId: string, roomId: string): Promise<boolean> {
  const recorded = await recordedVisitor(roomId);
  let verdict = ticketRoomVerdict({ visitorUserId: userId, recordedVisitor: recorded });
  const asked = verdict === "ask-homeserver";
  if (asked)
    verdict = ticketRoomVerdict({
      visitorUserId: userId,
      recordedVisitor: recorded,
      homeserverSaysJoined: await joinedToRoom(synapseUrl, accessToken, roomId, userId),
    });
  if (verdict !== "issue") throw new Refusal(403, "You are not in this room: a routing ticket is only issued for a room you have joined");
  return asked;
}

/**
 * Routes a visitor's next conversation before any reader is in its room, and
 * signs the decision, bound to the room the visitor prepared when the chat
 * opened: the widget then invites the readers into it (one invite, the agent's
 * first). Only a provisioned visitor of a known site may ask, for its own
 * site, and only for a room it created and is joined to (the router's record,
 * or Synapse asked with the visitor's own token): a ticket for someone else's
 * room would let the visitor invite agents there. A request without a room is
 * refused (409) and changes nothing: creating the room after the ticket (the
 * cold path) made a first message wait for a `createRoom`. Whose token it is
 * comes from `visitor-identity.ts` (Synapse's `whoami`, remembered for a while).
 */
export async function issueVisitorRoutingTicket(visitorAccessToken: string, roomId?: string): Promise<VisitorRoutingTicket> {
  const e = env();
  const t0 = performance.now();
  const userId = await visitorOfToken(e.SYNAPSE_URL, visitorAccessToken);
  const t1 = performance.now();
  if (!userId) throw new Refusal(401, "Unknown or expired visitor token");
  if (!isVisitorUserId(userId)) throw new Refusal(403, "Only visitor accounts start conversations");
  if (!roomId) throw new Refusal(409, PREPARE_FIRST, {}, "prepare_room_first");
  const askedSynapse = await checkRoom(e.SYNAPSE_URL, visitorAccessToken, userId, roomId);
  // The visitor's site is looked up with the rest of its batch (no database round trip of its own).
  const t2 = performance.now();
  const issued = await issue({ visitorUserId: userId, roomId });
  if (!issued) throw new Refusal(403, "This visitor account was not provisioned for any site");
  if (e.ROUTING_TICKET_TIMING)
    logTiming({ whoami: t1 - t0, membership: t2 - t1, askedSynapse, queued: issued.batch.startedAt - t2, batch: issued.batch.ms, size: issued.batch.size });
  const expiresAt = issued.expiresAt.getTime();
  const sig = signTicket(e.ROUTING_TICKET_SECRET, { id: issued.id, visitorUserId: userId, siteId: issued.siteId, roomId, readers: issued.readers, expiresAt });
  return {
    status: issued.status,
    agentDisplayName: issued.agentDisplayName,
    ticket: { id: issued.id, readers: issued.readers, expires_at: expiresAt, sig, room_id: roomId },
  };
}

/** One line per ticket, read by `bench/routing-latency.ts` from the app's log. */
function logTiming(t: { whoami: number; membership: number; askedSynapse: boolean; queued: number; batch: number; size: number }): void {
  const round = (v: number | boolean): number | boolean => (typeof v === "number" ? Math.round(v * 10) / 10 : v);
  console.log(`routing-ticket-timing ${JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, round(v)])))}`);
}
