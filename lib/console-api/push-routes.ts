import { z } from "zod";
import { pushSubscriptionSchema } from "../push/push-subscription";
import { apiContract } from "./api-contract";

/** `GET /api/agent/push`: the server's VAPID public key when Web Push is on (null: off, the console offers nothing). */
export const pushConfigRoute = apiContract({
  method: "GET",
  path: "/api/agent/push",
  response: z.object({ publicKey: z.string().nullable() }),
});

/** `POST /api/agent/push/subscribe`: this device's push subscription (one row per endpoint); 400 when it is not a valid one. */
export const pushSubscribeRoute = apiContract({
  method: "POST",
  path: "/api/agent/push/subscribe",
  body: pushSubscriptionSchema,
  response: z.object({ devices: z.number().int() }),
});

/** `POST /api/agent/push/unsubscribe`: forget this device's subscription (only the caller's own). */
export const pushUnsubscribeRoute = apiContract({
  method: "POST",
  path: "/api/agent/push/unsubscribe",
  body: z.object({ endpoint: z.string().min(1).max(1000) }).strict(),
  response: z.object({ removed: z.boolean() }),
});

/** `POST /api/agent/presence`: the console is open (every 30 s) or closing; pushes wait while a console is open. */
export const consolePresenceRoute = apiContract({
  method: "POST",
  path: "/api/agent/presence",
  body: z.object({ open: z.boolean() }).strict(),
  response: z.object({ ok: z.literal(true) }),
});
