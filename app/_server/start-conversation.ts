import "server-only";
import { eq } from "drizzle-orm";
import { isVisitorUserId, type RoutingTicket } from "../../lib/conversation/event-types";
import { issueRoutingTicket } from "../../lib/conversation/issue-routing-ticket";
import { userOfToken } from "../../lib/matrix/user-of-token";
import { signTicket } from "../../lib/routing/ticket-signature";
import { db, schema } from "./db";
import { env } from "./env";

/** What the widget gets before it creates the room. */
export type StartConversationResult = { status: "assigned" | "queued"; agentDisplayName: string | null; ticket: RoutingTicket };

/** Why a start was refused, mapped to an HTTP status by the route. */
export class StartRefused extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Routes a visitor's next conversation before its room exists, and signs the
 * decision: the widget creates the room with the chosen readers already
 * invited, so the agent is invited the moment the conversation exists. Only a
 * provisioned visitor of a known site may ask, for its own site.
 */
export async function startConversation(visitorAccessToken: string): Promise<StartConversationResult> {
  const e = env();
  const userId = await userOfToken(e.SYNAPSE_URL, visitorAccessToken);
  if (!userId) throw new StartRefused(401, "Unknown or expired visitor token");
  if (!isVisitorUserId(userId)) throw new StartRefused(403, "Only visitor accounts start conversations");
  const [visitor] = await db()
    .select({ siteId: schema.visitors.siteId, teamId: schema.sites.teamId })
    .from(schema.visitors)
    .innerJoin(schema.sites, eq(schema.sites.id, schema.visitors.siteId))
    .where(eq(schema.visitors.userId, userId));
  if (!visitor) throw new StartRefused(403, "This visitor account was not provisioned for any site");
  const issued = await issueRoutingTicket(db(), { visitorUserId: userId, siteId: visitor.siteId, teamId: visitor.teamId, now: new Date() });
  const expiresAt = issued.expiresAt.getTime();
  const sig = signTicket(e.ROUTING_TICKET_SECRET, { id: issued.id, visitorUserId: userId, siteId: visitor.siteId, readers: issued.readers, expiresAt });
  return { status: issued.status, agentDisplayName: issued.agentDisplayName, ticket: { id: issued.id, readers: issued.readers, expires_at: expiresAt, sig } };
}
