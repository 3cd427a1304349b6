import { changeRoleRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { changeRole } from "../../../_server/agent-roles";

/** Operators: change an agent's role (agent, supervisor of a team, operator); audited. */
export const POST = apiRoute({ access: "operator", body: changeRoleRoute.body, answer: changeRoleRoute.response }, async ({ caller, body }) =>
  changeRole(body.userId, body.role, caller.userId),
);
