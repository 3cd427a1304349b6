import { describe, expect, it } from "vitest";
import { ticketRoomVerdict, type TicketRoomVerdict } from "./ticket-room-check";

const me = "@visitor-a:x";
const other = "@visitor-b:x";

describe("ticketRoomVerdict: a ticket bound to a room, for whom", () => {
  const cases: [string, { recordedVisitor: string | null; homeserverSaysJoined?: boolean }, TicketRoomVerdict][] = [
    ["recorded for this visitor: issued without asking Synapse", { recordedVisitor: me }, "issue"],
    ["recorded for this visitor: Synapse's answer is not needed", { recordedVisitor: me, homeserverSaysJoined: false }, "issue"],
    ["recorded for another visitor: refused at once", { recordedVisitor: other }, "refuse"],
    ["recorded for another visitor: refused even if Synapse said joined", { recordedVisitor: other, homeserverSaysJoined: true }, "refuse"],
    ["not recorded: Synapse is asked", { recordedVisitor: null }, "ask-homeserver"],
    ["not recorded, Synapse says joined: issued", { recordedVisitor: null, homeserverSaysJoined: true }, "issue"],
    ["not recorded, Synapse says not joined (someone else's, unknown or left room): refused", { recordedVisitor: null, homeserverSaysJoined: false }, "refuse"],
  ];
  it.each(cases)("%s", (_why, input, verdict) => {
    expect(ticketRoomVerdict({ visitorUserId: me, ...input })).toBe(verdict);
  });
});
