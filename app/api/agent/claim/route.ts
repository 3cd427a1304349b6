import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { apiRoute } from "../../../_server/api-route";
import { actionDone } from "../../../_server/conversation-action";
import { claimAsAgent } from "../../../_server/conversations";

const bodySchema = z.object({ roomId: roomIdSchema }).strict();

/** The caller takes a queued conversation; the router then publishes them as its reader. */
export const POST = apiRoute({ access: "agent", body: bodySchema }, async ({ caller, body }) => actionDone(await claimAsAgent(caller, body.roomId)));
