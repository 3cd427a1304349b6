import { addTeamRoute } from "../../../../lib/console-api/operator-routes";
import { addTeam } from "../../../_server/agent-admin";
import { apiRoute } from "../../../_server/api-route";

/** Operators: create a team. */
export const POST = apiRoute({ access: "operator", body: addTeamRoute.body, answer: addTeamRoute.response, status: 201 }, async ({ body }) => {
  await addTeam(body);
  return body;
});
