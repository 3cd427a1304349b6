import { addCannedRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { addCannedResponse } from "../../../_server/canned-responses";

/** Operators: add a canned response to a team. */
export const POST = apiRoute({ access: "operator", body: addCannedRoute.body, answer: addCannedRoute.response, status: 201 }, ({ body }) =>
  addCannedResponse(body),
);
