import { registerOrgKeyRoute } from "../../../../lib/console-api/operator-routes";
import { apiRoute } from "../../../_server/api-route";
import { registerOrgKey } from "../../../_server/org-trust";

/** Operators: register the organisation's public signing key (created in the browser; the private part never comes here). */
export const POST = apiRoute(
  { access: "operator", body: registerOrgKeyRoute.body, answer: registerOrgKeyRoute.response, status: 201 },
  async ({ caller, body }) => {
    await registerOrgKey(body.orgKey, caller.userId);
    return { orgKey: body.orgKey };
  },
);
