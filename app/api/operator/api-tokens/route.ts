import { apiTokensRoute, createApiTokenRoute } from "../../../../lib/console-api/integration-routes";
import { createApiToken, listApiTokens } from "../../../_server/api-token-store";
import { apiRoute } from "../../../_server/api-route";

/** Operators (signed in; a token cannot mint tokens): every API token. */
export const GET = apiRoute({ access: "operator", answer: apiTokensRoute.response }, async () => ({ tokens: await listApiTokens() }));

/** Operators: create a scoped token; the answer carries it, once. */
export const POST = apiRoute({ access: "operator", body: createApiTokenRoute.body, answer: createApiTokenRoute.response, status: 201 }, ({ body, caller }) =>
  createApiToken(body, caller.userId),
);
