import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { apiRoute } from "../../../_server/api-route";
import { actionDone } from "../../../_server/conversation-action";
import { closeAsAgent } from "../../../_server/conversations";

const bodySchema = z.object({ roomId: roomIdSchema });

/** Ends a conversation; the router publishes it, and the visitor's widget shows it. */
export const POST = apiRoute({ access: "agent", body: bodySchema }, async ({ caller, body }) => actionDone(await closeAsAgent(caller, body.roomId)));
