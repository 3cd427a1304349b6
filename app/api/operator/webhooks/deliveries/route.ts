import { webhookDeliveriesRoute } from "../../../../../lib/console-api/integration-routes";
import { apiRoute } from "../../../../_server/api-route";
import { webhookLog } from "../../../../_server/webhooks";

/** Operators: an endpoint's delivery log. */
export const GET = apiRoute({ access: "operator", query: webhookDeliveriesRoute.query, answer: webhookDeliveriesRoute.response }, ({ query }) =>
  webhookLog(query.endpointId),
);
