import { pushConfigRoute } from "../../../../lib/console-api/push-routes";
import { apiRoute } from "../../../_server/api-route";
import { pushPublicKey } from "../../../_server/push-subscriptions";

/** The VAPID public key the console subscribes this device with (null: Web Push is off here). */
export const GET = apiRoute({ access: "agent", answer: pushConfigRoute.response }, async () => ({ publicKey: pushPublicKey() }));
