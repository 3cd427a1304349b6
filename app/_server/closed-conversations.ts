import "server-only";
import type { ClosedCursor } from "../../lib/console-api/closed-routes";
import { closedReadsOf, listClosedConversations, openClosedConversation, type ClosedPage } from "../../lib/conversation/closed-conversations";
import type { Db } from "../../lib/conversation/transitions";
import { listVisitorConversations } from "../../lib/conversation/visitor-conversations";
import { db } from "./db";
import { Refusal } from "./refusal";

/** The Closed view's page for the signed-in agent. */
export const listClosed = (agentUserId: string, page: { cursor?: ClosedCursor; limit: number }): Promise<ClosedPage> =>
  listClosedConversations(db() as unknown as Db, agentUserId, page);

/** Opening a closed conversation: 404 when there is none, 403 unless it was assigned to the caller; recorded for the audit. */
export async function openClosed(agentUserId: string, roomId: string): Promise<{ ok: true }> {
  const result = await openClosedConversation(db() as unknown as Db, agentUserId, roomId, new Date());
  if (result === "not-found") throw new Refusal(404, "There is no closed conversation with this id.");
  if (result === "forbidden") throw new Refusal(403, "Only an agent this conversation was assigned to may open it.");
  return { ok: true };
}

/** For the audit page: who opened the closed conversation after leaving it, and when. */
export const closedReads = (roomId: string) => closedReadsOf(db() as unknown as Db, roomId);

/** A visitor's other conversations this agent was assigned (the Closed view's rule), newest first. */
export const visitorConversations = (agentUserId: string, visitorUserId: string, except?: string) =>
  listVisitorConversations(db() as unknown as Db, agentUserId, visitorUserId, except);
