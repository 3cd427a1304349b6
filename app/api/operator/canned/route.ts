import { operatorCannedRoute } from "../../../../lib/console-api/canned-routes";
import { addCannedRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { addCannedResponse, allCannedResponses } from "../../../_server/canned-responses";

/** Operators: every team's canned responses. */
export const GET = apiRoute({ access: "operator", answer: operatorCannedRoute.response }, async () => ({ responses: await allCannedResponses() }));

/** Operators: add a canned response to a team. */
export const POST = apiRoute({ access: "operator", body: addCannedRoute.body, answer: addCannedRoute.response, status: 201 }, ({ body }) =>
  addCannedResponse(body),
);
