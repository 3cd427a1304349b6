import { rotateOrgKeyRoute } from "../../../../../lib/console-api/org-key-routes";
import { apiRoute } from "../../../../_server/api-route";
import { rotateOrgKey } from "../../../../_server/org-key-rotation";

/** Operators: rotate the organisation key (the old key's endorsement and the new key's first roster, both made in the browser and checked here). */
export const POST = apiRoute({ access: "operator", body: rotateOrgKeyRoute.body, answer: rotateOrgKeyRoute.response, status: 201 }, async ({ caller, body }) =>
  rotateOrgKey(body.endorsement, body.roster, caller.userId),
);
