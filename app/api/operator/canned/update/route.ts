import { updateCannedRoute } from "../../../../../lib/console-api/canned-routes";
import { apiRoute } from "../../../../_server/api-route";
import { updateCannedResponse } from "../../../../_server/canned-responses";

/** Operators: change a canned response's title and text. */
export const POST = apiRoute({ access: "operator", body: updateCannedRoute.body, answer: updateCannedRoute.response }, ({ body }) =>
  updateCannedResponse(body),
);
