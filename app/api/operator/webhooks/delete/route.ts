import { deleteWebhookRoute } from "../../../../../lib/console-api/integration-routes";
import { apiRoute } from "../../../../_server/api-route";
import { deleteWebhook } from "../../../../_server/webhooks";

/** Operators: remove a webhook endpoint. */
export const POST = apiRoute({ access: "operator", body: deleteWebhookRoute.body, answer: deleteWebhookRoute.response }, ({ body }) => deleteWebhook(body.id));
