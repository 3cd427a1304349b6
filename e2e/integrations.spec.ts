import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import type { WebhookPayload } from "../lib/integrations/webhook-payload";
import { verifyWebhookSignature } from "../lib/integrations/webhook-signature";
import { stackInfo, type StackInfo } from "./stack-info";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { consoleSession } from "./support/org-roster";
import { conversationRow, createAgent, createTeamSite, eventually, testDb, type TestAgent } from "./support/routing-fixtures";
import { startWebhookReceiver, type Received } from "./support/webhook-receiver";

// Integrations that carry no content, against the real stack: a real HTTP receiver gets the router's
// signed deliveries for a conversation run by a real visitor and agent (real crypto, real Synapse).
test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let operator: APIRequestContext;
let operatorAccount: TestAgent;
const stops: (() => unknown)[] = [];

test.beforeAll(async () => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
  receiver = await startWebhookReceiver();
  operatorAccount = await createAgent(stack, db, { name: "Integrations Operator", teams: [], availability: "offline" });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operatorAccount.userId));
  operator = await consoleSession(stack, operatorAccount);
});
test.afterAll(async () => {
  for (const s of stops) await s();
  await operator.dispose();
  await db.delete(schema.webhookEndpoints);
  await receiver.stop();
  await end();
});

const payloadOf = (r: Received) => JSON.parse(r.body) as WebhookPayload;
const now = () => Math.floor(Date.now() / 1000);

/** Registers an endpoint through the operator API; answers its id and the secret (shown once). */
async function register(path: string, events: string[]): Promise<{ id: number; secret: string }> {
  const res = await operator.post("/api/operator/webhooks", { data: { url: `${receiver.url}${path}`, events, description: path } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: number; secret: string };
}

test("a conversation started, assigned and closed through the real flow reaches the receiver signed, with metadata and no message text; a 500 is retried", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const all = await register("/all", ["conversation.started", "conversation.assigned", "conversation.transferred", "conversation.closed"]);
  // The secret is stored encrypted, never in clear.
  const stored = await db.select().from(schema.webhookEndpoints).where(eq(schema.webhookEndpoints.id, all.id));
  expect(stored[0]?.secretBox).not.toContain(all.secret.slice(6));

  const { siteId, teamId } = await createTeamSite(stack, db, "hooks");
  const agentAccount = await createAgent(stack, db, { name: "Hook Agent", teams: [teamId] });
  const agent: NodeAgent = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agentAccount.username, password: agentAccount.password });
  stops.push(() => agent.stop().catch(() => {}));
  const visitor: NodeVisitor = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  stops.push(() => visitor.stop());

  const roomId = await visitor.startConversation(siteId);
  await agent.join(await agent.waitForInvite((r) => r === roomId, 30_000));
  const tag = randomBytes(4).toString("hex");
  const sent = [`my order number is ${tag}-visitor`, `here is the refund ${tag}-agent`];
  await visitor.send(roomId, sent[0]!);
  await agent.waitForMessage(roomId, sent[0]!);
  await agent.sendText(roomId, sent[1]!);
  await visitor.waitForMessage(roomId, sent[1]!);
  // A receiver that fails this conversation's first delivery (a 500), then accepts.
  receiver.failFirst("/flaky", roomId);
  const flaky = await register("/flaky", ["conversation.closed"]);
  const agentApi = await consoleSession(stack, agentAccount);
  expect((await agentApi.post("/api/conversations/close", { data: { roomId } })).status()).toBe(200);
  await agentApi.dispose();

  const forRoom = (path: string) => receiver.got.filter((r) => r.path === path && payloadOf(r).conversation.id === roomId);
  const types = await eventually("started, assigned, closed at /all", async () => {
    const t = forRoom("/all").map((r) => payloadOf(r).type);
    return t.includes("conversation.closed") ? t : undefined;
  });
  expect(types).toEqual(["conversation.started", "conversation.assigned", "conversation.closed"]);
  const row = await conversationRow(db, roomId);
  for (const r of forRoom("/all")) {
    expect(r.headers["content-type"]).toBe("application/json");
    expect(verifyWebhookSignature(all.secret, String(r.headers["sealdesk-signature"]), r.body, now())).toBe("ok");
    expect(verifyWebhookSignature(flaky.secret, String(r.headers["sealdesk-signature"]), r.body, now())).toBe("mismatch");
    const p = payloadOf(r);
    expect(p.conversation).toMatchObject({
      id: roomId,
      site_id: siteId,
      team_id: teamId,
      visitor_id: visitor.userId,
      started_at: row!.createdAt.toISOString(),
    });
    if (p.type !== "conversation.started") expect(p.conversation.agent_id).toBe(agentAccount.userId);
  }
  expect(payloadOf(forRoom("/all")[2]!).conversation).toMatchObject({ status: "closed", closed_reason: "agent" });
  // No message text in any payload or header the receiver got.
  for (const r of receiver.got) for (const text of [...sent, tag]) expect(`${JSON.stringify(r.headers)}${r.body}`).not.toContain(text);

  // The flaky receiver answered 500 first: the same event again after the backoff (about 5 s), then delivered.
  const attempts = await eventually("the retry", async () => (forRoom("/flaky").length >= 2 ? forRoom("/flaky") : undefined), 30_000);
  expect(attempts.map((a) => a.status)).toEqual([500, 200]);
  expect(payloadOf(attempts[0]!).id).toBe(payloadOf(attempts[1]!).id);
  for (const a of attempts) expect(verifyWebhookSignature(flaky.secret, String(a.headers["sealdesk-signature"]), a.body, now())).toBe("ok");

  // The operator's delivery log shows both attempts.
  const context = await browser.newContext({ storageState: await operator.storageState() });
  const page = await context.newPage();
  await page.goto(`${stack.appUrl}/operator/integrations`);
  await page
    .getByRole("row", { name: new RegExp(`${receiver.url}/flaky`) })
    .getByRole("button", { name: "Delivery log" })
    .click();
  const log = page.getByRole("table", { name: /Delivery log of/ });
  await expect(log.getByRole("row", { name: /conversation\.closed.* 1 HTTP 500/ })).toBeVisible();
  await expect(log.getByRole("row", { name: /conversation\.closed.* 2 HTTP 200 delivered/ })).toBeVisible();
  await context.close();
});

test("an API token with metrics:read reads the metrics, gets 403 on sites, and 401 once revoked in the console", async ({ browser, playwright }) => {
  const context = await browser.newContext({ storageState: await operator.storageState() });
  const page = await context.newPage();
  await page.goto(`${stack.appUrl}/operator/integrations`);
  const form = page.getByRole("form", { name: "Create an API token" });
  const name = `grafana-${randomBytes(3).toString("hex")}`;
  await form.getByLabel("Token name").fill(name);
  await form.getByLabel("metrics:read").check();
  await form.getByRole("button", { name: "Create token" }).click();
  const token = ((await page.getByLabel("API token", { exact: true }).textContent()) ?? "").trim();
  expect(token).toMatch(/^sdk_/);
  // Only the hash is stored.
  const rows = await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.name, name));
  expect(rows).toHaveLength(1);
  expect(JSON.stringify(rows)).not.toContain(token.slice(4));

  const api = await playwright.request.newContext({ baseURL: stack.appUrl, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const metrics = await api.get("/metrics");
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/^sealdesk_/m);
  const sites = await api.get("/api/operator/sites");
  expect(sites.status()).toBe(403);
  expect(((await sites.json()) as { error: string }).error).toMatch(/sites:write/);
  expect((await api.post("/api/operator/teams", { data: { id: `tok-${randomBytes(3).toString("hex")}`, name: "By token" } })).status()).toBe(403);
  expect((await api.get("/api/operator/conversations")).status()).toBe(403);
  // A token never reaches the integration routes (they take an operator's session only).
  expect((await api.get("/api/operator/api-tokens")).status()).toBe(401);

  const tokenRow = page.getByRole("row", { name: new RegExp(name) });
  await page.reload();
  await expect(tokenRow).not.toContainText("never"); // last used is shown
  page.once("dialog", (d) => void d.accept());
  await tokenRow.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(tokenRow).toContainText("revoked");
  const after = await api.get("/metrics");
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { error: string }).error).toMatch(/revoked/);
  await api.dispose();
  await context.close();
});

test("a sites:write token manages sites but cannot add an operator; an agent gets 403 and nobody 401 on the integration routes", async ({ playwright }) => {
  const created = await operator.post("/api/operator/api-tokens", { data: { name: "provisioning", scopes: ["sites:write", "agents:write"] } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const api = await playwright.request.newContext({ baseURL: stack.appUrl, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const siteId = `tok-${randomBytes(3).toString("hex")}`;
  const site = await api.post("/api/operator/sites", {
    data: {
      id: siteId,
      name: "By token",
      allowedOrigins: ["https://shop.example"],
      colour: "#123456",
      greeting: "",
      language: "en",
      visitorsPerHour: null,
      teamId: null,
    },
  });
  expect(site.status()).toBe(201);
  const before = (await db.select().from(schema.agents)).length;
  const op = await api.post("/api/operator/agents", {
    data: { kind: "new", username: `tokop-${randomBytes(3).toString("hex")}`, displayName: "Token Op", role: "operator" },
  });
  expect(op.status()).toBe(403);
  expect((await db.select().from(schema.agents)).length).toBe(before);
  expect((await api.get("/metrics")).status()).toBe(403);
  await api.dispose();

  const agentAccount = await createAgent(stack, db, { name: "Curious Agent", teams: [] });
  const agent = await consoleSession(stack, agentAccount);
  for (const path of ["/api/operator/webhooks", "/api/operator/api-tokens", "/api/operator/webhooks/deliveries?endpointId=1"])
    expect((await agent.get(path)).status()).toBe(403);
  const endpointsBefore = (await db.select().from(schema.webhookEndpoints)).length;
  expect((await agent.post("/api/operator/webhooks", { data: { url: `${receiver.url}/agent`, events: ["conversation.closed"] } })).status()).toBe(403);
  expect((await agent.post("/api/operator/api-tokens", { data: { name: "mine", scopes: ["metrics:read"] } })).status()).toBe(403);
  await agent.dispose();
  const anonymous = await playwright.request.newContext({ baseURL: stack.appUrl });
  expect((await anonymous.get("/api/operator/webhooks")).status()).toBe(401);
  await anonymous.dispose();
  // Bad input: a clear 400, nothing stored.
  const plain = await operator.post("/api/operator/webhooks", { data: { url: "http://hooks.example.com/x", events: ["conversation.closed"] } });
  expect(plain.status()).toBe(400);
  expect(((await plain.json()) as { error: string }).error).toMatch(/^url: Use https/);
  expect((await operator.post("/api/operator/webhooks", { data: { url: "https://hooks.example.com/x", events: ["message.sent"] } })).status()).toBe(400);
  expect((await db.select().from(schema.webhookEndpoints)).length).toBe(endpointsBefore);
});
