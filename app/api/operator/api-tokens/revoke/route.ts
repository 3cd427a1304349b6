import { revokeApiTokenRoute } from "../../../../../lib/console-api/integration-routes";
import { revokeApiToken } from "../../../../_server/api-token-store";
import { apiRoute } from "../../../../_server/api-route";

/** Operators: revoke an API token. */
export const POST = apiRoute({ access: "operator", body: revokeApiTokenRoute.body, answer: revokeApiTokenRoute.response }, ({ body }) =>
  revokeApiToken(body.id),
);
