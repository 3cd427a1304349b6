import { setTeamHoursRoute } from "../../../../../lib/console-api/hours-routes";
import { apiRoute } from "../../../../_server/api-route";
import { setTeamHours } from "../../../../_server/team-hours";

/** Operators only: set a team's business hours (`hours: null` = always open). */
export const PUT = apiRoute({ access: "operator", body: setTeamHoursRoute.body, answer: setTeamHoursRoute.response }, ({ body }) =>
  setTeamHours(body.teamId, body.hours),
);
