import { addAgentRoute, operatorAgentsRoute } from "../../../../lib/console-api/operator-routes";
import { addAgent, agentsAndTeams } from "../../../_server/agent-admin";
import { apiRoute } from "../../../_server/api-route";
import { Refusal } from "../../../_server/refusal";
import { isApiTokenCaller } from "../../../_server/token-caller";

/** Operators (or an API token with agents:write): every agent with role and teams. */
export const GET = apiRoute({ access: "scoped:agents:write", answer: operatorAgentsRoute.response }, () => agentsAndTeams());

/** Operators (or an API token with agents:write): add an agent (new Matrix account with a one-time password, or an existing account). */
export const POST = apiRoute({ access: "scoped:agents:write", body: addAgentRoute.body, answer: addAgentRoute.response, status: 201 }, ({ caller, body }) => {
  // A token must not mint operators: an operator can create tokens of any scope.
  if (isApiTokenCaller(caller) && body.role === "operator") throw new Refusal(403, "An API token cannot add operators; an operator can, signed in");
  return addAgent(body, caller.userId);
});
