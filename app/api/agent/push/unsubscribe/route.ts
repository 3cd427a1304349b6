import { pushUnsubscribeRoute } from "../../../../../lib/console-api/push-routes";
import { apiRoute } from "../../../../_server/api-route";
import { removeSubscription } from "../../../../_server/push-subscriptions";

/** Turn notifications off on this device (and at sign-out): forgets the caller's own subscription. */
export const POST = apiRoute({ access: "agent", body: pushUnsubscribeRoute.body, answer: pushUnsubscribeRoute.response }, async ({ caller, body }) =>
  removeSubscription(caller.userId, body.endpoint),
);
