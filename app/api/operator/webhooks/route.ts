import { addWebhookRoute, webhooksRoute } from "../../../../lib/console-api/integration-routes";
import { apiRoute } from "../../../_server/api-route";
import { addWebhook, listWebhooks } from "../../../_server/webhooks";

/** Operators (signed in; no API token): the webhook endpoints. */
export const GET = apiRoute({ access: "operator", answer: webhooksRoute.response }, async () => ({ endpoints: await listWebhooks() }));

/** Operators: register an endpoint; the answer carries its signing secret, once. */
export const POST = apiRoute({ access: "operator", body: addWebhookRoute.body, answer: addWebhookRoute.response, status: 201 }, ({ body, caller }) =>
  addWebhook(body, caller.userId),
);
