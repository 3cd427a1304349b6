// zod/mini: the widget bundles this.
import * as z from "zod/mini";
import { routingTicketSchema, type RoutingTicket } from "../conversation/event-types";

/** Response of `POST /api/visitor/conversations`. */
export const startConversationResponseSchema = z.object({
  status: z.enum(["assigned", "queued"]),
  agentDisplayName: z.nullable(z.string()),
  ticket: routingTicketSchema,
});
/** Parsed response of `POST /api/visitor/conversations`. */
export type StartConversationResponse = z.infer<typeof startConversationResponseSchema>;

/**
 * Asks the app who the visitor's next conversation goes to (a signed routing
 * ticket), so the room can be created with them invited. Returns null when the
 * app cannot answer: the room is then created without a ticket and the router
 * routes it as it arrives (slower, but nothing is lost).
 */
export async function requestRoutingTicket(appUrl: string, visitorAccessToken: string): Promise<RoutingTicket | null> {
  try {
    const res = await fetch(`${appUrl}/api/visitor/conversations`, { method: "POST", headers: { authorization: `Bearer ${visitorAccessToken}` } });
    if (!res.ok) return null;
    const parsed = startConversationResponseSchema.safeParse(await res.json());
    return parsed.success ? parsed.data.ticket : null;
  } catch {
    return null;
  }
}
