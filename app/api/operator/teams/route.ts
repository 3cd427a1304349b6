import { addTeamRoute } from "../../../../lib/console-api/operator-routes";
import { addTeam } from "../../../_server/agent-admin";
import { apiRoute } from "../../../_server/api-route";

/** Operators (or an API token with teams:write): create a team. */
export const POST = apiRoute({ access: "scoped:teams:write", body: addTeamRoute.body, answer: addTeamRoute.response, status: 201 }, async ({ body }) => {
  await addTeam(body);
  return body;
});
