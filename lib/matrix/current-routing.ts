import type { MatrixClient } from "matrix-js-sdk";
import { ROUTING_EVENT, routingContentSchema, type RoutingContent } from "../conversation/event-types";

/** The current routing state of a room as this client has synced it, or null when absent or malformed. */
export function currentRouting(client: MatrixClient, roomId: string): RoutingContent | null {
  const ev = client.getRoom(roomId)?.currentState.getStateEvents(ROUTING_EVENT, "");
  const parsed = ev ? routingContentSchema.safeParse(ev.getContent()) : null;
  return parsed?.success ? parsed.data : null;
}
