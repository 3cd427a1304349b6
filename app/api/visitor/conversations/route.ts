import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { apiRoute } from "../../../_server/api-route";
import { issueVisitorRoutingTicket } from "../../../_server/visitor-routing-ticket";

// The room the visitor prepared when the chat opened (the ticket is bound to it). Optional in the
// schema so that a request without it (an old widget's cold start) gets the service's clear 409
// after the caller's identity is checked, not a 400.
const bodySchema = z.strictObject({ room_id: z.optional(roomIdSchema) });

// The chat frame asks here, with the visitor's Matrix token, who its next conversation goes to.
export const POST = apiRoute({ access: "visitor", body: bodySchema, optionalBody: true, status: 201 }, ({ caller, body }) =>
  issueVisitorRoutingTicket(caller.accessToken, body.room_id),
);
