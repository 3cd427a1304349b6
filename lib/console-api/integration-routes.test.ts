import { describe, expect, it } from "vitest";
import { addWebhookRoute, createApiTokenRoute, webhookDeliveriesRoute } from "./integration-routes";

describe("integration route contracts", () => {
  const cases: { name: string; parse: () => { success: boolean }; ok: boolean }[] = [
    { name: "webhook: url and events", parse: () => addWebhookRoute.body.safeParse({ url: "https://x.example/h", events: ["conversation.closed"] }), ok: true },
    { name: "webhook: an unknown event", parse: () => addWebhookRoute.body.safeParse({ url: "https://x.example/h", events: ["message.created"] }), ok: false },
    { name: "webhook: no event", parse: () => addWebhookRoute.body.safeParse({ url: "https://x.example/h", events: [] }), ok: false },
    {
      name: "webhook: a secret of the caller's choosing is not accepted",
      parse: () => addWebhookRoute.body.safeParse({ url: "https://x.example/h", events: ["conversation.closed"], secret: "weak" }),
      ok: false,
    },
    { name: "token: name and scopes", parse: () => createApiTokenRoute.body.safeParse({ name: "grafana", scopes: ["metrics:read"] }), ok: true },
    { name: "token: an unknown scope", parse: () => createApiTokenRoute.body.safeParse({ name: "x", scopes: ["admin"] }), ok: false },
    { name: "token: no scope", parse: () => createApiTokenRoute.body.safeParse({ name: "x", scopes: [] }), ok: false },
    { name: "token: an empty name", parse: () => createApiTokenRoute.body.safeParse({ name: "  ", scopes: ["metrics:read"] }), ok: false },
    { name: "log: endpoint id from the query string", parse: () => webhookDeliveriesRoute.query.safeParse({ endpointId: "3" }), ok: true },
    { name: "log: not a number", parse: () => webhookDeliveriesRoute.query.safeParse({ endpointId: "x" }), ok: false },
  ];
  for (const c of cases) it(c.name, () => expect(c.parse().success).toBe(c.ok));
});
