import { pushSubscribeRoute } from "../../../../../lib/console-api/push-routes";
import { apiRoute } from "../../../../_server/api-route";
import { saveSubscription } from "../../../../_server/push-subscriptions";

/** Notifications "even when closed": stores the browser's push subscription (validated: keys, sizes, a push service's https endpoint). */
export const POST = apiRoute({ access: "agent", body: pushSubscribeRoute.body, status: 201, answer: pushSubscribeRoute.response }, async ({ caller, body }) =>
  saveSubscription(caller.userId, body),
);
