import { closeRoute } from "../../../../lib/console-api/conversation-routes";
import { apiRoute } from "../../../_server/api-route";
import { actionDone } from "../../../_server/conversation-action";
import { closeAsAgent } from "../../../_server/conversations";

/** Ends a conversation; the router publishes it, and the visitor's widget shows it. */
export const POST = apiRoute({ access: "agent", body: closeRoute.body, answer: closeRoute.response }, async ({ caller, body }) =>
  actionDone(await closeAsAgent(caller, body.roomId)),
);
