import { z } from "zod";
import { roomIdSchema } from "../../../../../lib/conversation/event-types";
import { apiRoute } from "../../../../_server/api-route";
import { deleteVisitorConversation } from "../../../../_server/erasure";

const bodySchema = z.strictObject({ room_id: roomIdSchema });

// The chat frame, with the visitor's Matrix token: delete this visitor's own conversation (and the account when nothing else is left).
export const POST = apiRoute({ access: "visitor", body: bodySchema }, ({ caller, body }) => deleteVisitorConversation(caller.accessToken, body.room_id));
