import { offboardRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { offboardAgent } from "../../../_server/offboarding";

/** Operators: offboard an agent (resumable: a second request finishes what is left). */
export const POST = apiRoute({ access: "operator", body: offboardRoute.body, answer: offboardRoute.response }, async ({ caller, body }) =>
  offboardAgent({ userId: body.userId, roster: body.roster }, caller.userId),
);
