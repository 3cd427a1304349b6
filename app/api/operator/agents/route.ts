import { addAgentRoute, operatorAgentsRoute } from "../../../../lib/console-api/operator-routes";
import { addAgent, agentsAndTeams } from "../../../_server/agent-admin";
import { apiRoute } from "../../../_server/api-route";

/** Operators: every agent with role and teams. */
export const GET = apiRoute({ access: "operator", answer: operatorAgentsRoute.response }, () => agentsAndTeams());

/** Operators: add an agent (new Matrix account with a one-time password, or an existing account). */
export const POST = apiRoute({ access: "operator", body: addAgentRoute.body, answer: addAgentRoute.response, status: 201 }, ({ caller, body }) =>
  addAgent(body, caller.userId),
);
