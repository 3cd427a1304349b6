import { z } from "zod";
import { apiScopeSchema } from "../integrations/api-scopes";
import { webhookEventSchema } from "../integrations/webhook-events";
import { apiContract } from "./api-contract";

const endpointSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
});

/** `GET /api/operator/webhooks`: the webhook endpoints (never their secrets). */
export const webhooksRoute = apiContract({ method: "GET", path: "/api/operator/webhooks", response: z.object({ endpoints: z.array(endpointSchema) }) });

/** `POST /api/operator/webhooks`: register an endpoint; the answer carries its signing secret, the only time it is shown. */
export const addWebhookRoute = apiContract({
  method: "POST",
  path: "/api/operator/webhooks",
  body: z
    .object({
      url: z.string().trim().min(1).max(2000),
      events: z.array(webhookEventSchema).min(1, "choose at least one event").max(10),
      description: z.string().trim().max(200).default(""),
    })
    .strict(),
  response: endpointSchema.extend({ secret: z.string() }),
});

/** `POST /api/operator/webhooks/delete`: remove an endpoint (its queued deliveries and log go with it). */
export const deleteWebhookRoute = apiContract({
  method: "POST",
  path: "/api/operator/webhooks/delete",
  body: z.object({ id: z.number().int().positive() }).strict(),
  response: z.object({ id: z.number().int() }),
});

const attemptSchema = z.object({
  deliveryId: z.number().int(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  at: z.string(),
  nextRetryAt: z.string().nullable(),
});

/** `GET /api/operator/webhooks/deliveries?endpointId=`: an endpoint's latest attempts (newest first) and deliveries still waiting. */
export const webhookDeliveriesRoute = apiContract({
  method: "GET",
  path: "/api/operator/webhooks/deliveries",
  query: z.object({ endpointId: z.coerce.number().int().positive() }).strict(),
  response: z.object({ attempts: z.array(attemptSchema), waiting: z.number().int() }),
});

const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** `GET /api/operator/api-tokens`: every API token (names, scopes, dates; never the token). */
export const apiTokensRoute = apiContract({ method: "GET", path: "/api/operator/api-tokens", response: z.object({ tokens: z.array(tokenSchema) }) });

/** `POST /api/operator/api-tokens`: create a token; the answer carries it, the only time it is shown (only its hash is stored). */
export const createApiTokenRoute = apiContract({
  method: "POST",
  path: "/api/operator/api-tokens",
  body: z
    .object({
      name: z.string().trim().min(1).max(80),
      scopes: z.array(apiScopeSchema).min(1, "choose at least one scope").max(10),
    })
    .strict(),
  response: tokenSchema.extend({ token: z.string() }),
});

/** `POST /api/operator/api-tokens/revoke`: revoke a token (refused with 401 from the next request). */
export const revokeApiTokenRoute = apiContract({
  method: "POST",
  path: "/api/operator/api-tokens/revoke",
  body: z.object({ id: z.number().int().positive() }).strict(),
  response: tokenSchema,
});
