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
 * ticket). Without `roomId` the room is then created with the readers invited;
 * with the id of the room the visitor prepared, the ticket is bound to that
 * room and the visitor invites the readers into it. Returns null when the app
 * cannot answer: without a room id the room is then created without a ticket
 * and the router routes it as it arrives (slower, but nothing is lost).
 */
export async function requestRoutingTicket(appUrl: string, visitorAccessToken: string, roomId?: string): Promise<RoutingTicket | null> {
  try {
    const res = await fetch(`${appUrl}/api/visitor/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${visitorAccessToken}`, "content-type": "application/json" },
      body: JSON.stringify(roomId ? { room_id: roomId } : {}),
    });
    if (!res.ok) return null;
    const parsed = startConversationResponseSchema.safeParse(await res.json());
    return parsed.success ? parsed.data.ticket : null;
  } catch {
    return null;
  }
}
