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
 * Asks the app who the visitor's next conversation goes to: its decision
 * (assigned, and to whom, or queued) and a signed routing ticket bound to the
 * room the visitor prepared, into which the visitor then invites the readers.
 * Returns null when the app cannot answer (the first message then fails with a
 * clear error; nothing is lost).
 */
export async function requestRoutingDecision(appUrl: string, visitorAccessToken: string, roomId: string): Promise<StartConversationResponse | null> {
  try {
    const res = await fetch(`${appUrl}/api/visitor/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${visitorAccessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ room_id: roomId }),
    });
    if (!res.ok) return null;
    const parsed = startConversationResponseSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The ticket of {@link requestRoutingDecision}, or null. */
export async function requestRoutingTicket(appUrl: string, visitorAccessToken: string, roomId: string): Promise<RoutingTicket | null> {
  return (await requestRoutingDecision(appUrl, visitorAccessToken, roomId))?.ticket ?? null;
}
