import { transferRoute } from "../../../../lib/console-api/conversation-routes";
import { apiRoute } from "../../../_server/api-route";
import { actionDone } from "../../../_server/conversation-action";
import { transferAsAgent } from "../../../_server/conversations";

/** Hands a conversation to another agent (who must accept) or back to a team's queue. */
export const POST = apiRoute({ access: "agent", body: transferRoute.body, answer: transferRoute.response }, async ({ caller, body }) =>
  actionDone(await transferAsAgent(caller, body.roomId, body.to)),
);
