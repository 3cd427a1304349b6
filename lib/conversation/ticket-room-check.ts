/** What the app may do with a visitor's request for a ticket bound to a room. */
export type TicketRoomVerdict = "issue" | "ask-homeserver" | "refuse";

/**
 * Whether a routing ticket bound to `roomId` may be issued to `visitorUserId`,
 * given what the router recorded of that room (`prepared_rooms`: the prepared
 * room's creator, while that visitor is joined to it) and, only when the record
 * does not settle it, the homeserver's answer to the membership check. Pure.
 *
 * - Recorded for this visitor: issue, without asking the homeserver.
 * - Recorded for another visitor: refuse. A room's creator never changes, and
 *   Synapse lets no visitor into another visitor's room, so the homeserver
 *   could not say yes.
 * - Not recorded (the router has not seen it yet, or the visitor left it):
 *   ask the homeserver, and issue only when it says the visitor is joined.
 */
export function ticketRoomVerdict(input: { visitorUserId: string; recordedVisitor: string | null; homeserverSaysJoined?: boolean }): TicketRoomVerdict {
  if (input.recordedVisitor !== null) return input.recordedVisitor === input.visitorUserId ? "issue" : "refuse";
  if (input.homeserverSaysJoined === undefined) return "ask-homeserver";
  return input.homeserverSaysJoined ? "issue" : "refuse";
}
