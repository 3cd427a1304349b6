import { claimRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { actionDone } from "../../../_server/conversation-action";
import { claimAsAgent } from "../../../_server/conversations";

/** The caller takes a queued conversation; the router then publishes them as its reader. */
export const POST = apiRoute({ access: "agent", body: claimRoute.body, answer: claimRoute.response }, async ({ caller, body }) =>
  actionDone(await claimAsAgent(caller, body.roomId)),
);
