import { agentCannedRoute } from "../../../../lib/console-api/agent-routes";
import { apiRoute } from "../../../_server/api-route";
import { cannedResponsesFor } from "../../../_server/canned-responses";

/** The signed-in agent's canned responses (those of their teams). */
export const GET = apiRoute({ access: "agent", answer: agentCannedRoute.response }, async ({ caller }) => ({
  responses: await cannedResponsesFor(caller.userId),
}));
