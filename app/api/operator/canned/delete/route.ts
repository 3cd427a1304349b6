import { deleteCannedRoute } from "../../../../../lib/console-api/canned-routes";
import { apiRoute } from "../../../../_server/api-route";
import { deleteCannedResponse } from "../../../../_server/canned-responses";

/** Operators: remove a canned response. */
export const POST = apiRoute({ access: "operator", body: deleteCannedRoute.body, answer: deleteCannedRoute.response }, ({ body }) =>
  deleteCannedResponse(body.id),
);
