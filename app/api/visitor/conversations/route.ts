import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { apiRoute } from "../../../_server/api-route";
import { issueVisitorRoutingTicket } from "../../../_server/visitor-routing-ticket";

// Optional: the room the visitor prepared when the chat opened (the ticket is then bound to it).
// No content type: no body (a conversation not bound to a prepared room).
const bodySchema = z.strictObject({ room_id: z.optional(roomIdSchema) });

// The chat frame asks here, with the visitor's Matrix token, who its next conversation goes to.
export const POST = apiRoute({ access: "visitor", body: bodySchema, optionalBody: true, status: 201 }, ({ caller, body }) =>
  issueVisitorRoutingTicket(caller.accessToken, body.room_id),
);
