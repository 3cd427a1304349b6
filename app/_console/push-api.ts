// The console's typed calls for Web Push and console presence (schemas in lib/console-api/push-routes.ts).
import type { BodyOf } from "../../lib/console-api/api-contract";
import { consolePresenceRoute, pushConfigRoute, pushSubscribeRoute, pushUnsubscribeRoute } from "../../lib/console-api/push-routes";
import { callApi } from "./api-client";

/** The server's VAPID public key, or null when Web Push is off there. */
export const fetchPushPublicKey = async () => (await callApi(pushConfigRoute)).publicKey;
/** Stores this device's subscription (the browser's `PushSubscription.toJSON()`). */
export const savePushSubscription = (body: BodyOf<typeof pushSubscribeRoute>) => callApi(pushSubscribeRoute, { body });
/** Forgets this device's subscription. */
export const deletePushSubscription = (endpoint: string) => callApi(pushUnsubscribeRoute, { body: { endpoint } });
/** Says the console is open (or closing). */
export const sayConsolePresence = (open: boolean) => callApi(consolePresenceRoute, { body: { open } });
