import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { device } from "../lib/audit/signed-key-fixtures";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import { agentSignsIn } from "./helpers";
import { stackInfo, type StackInfo } from "./stack-info";
import { asAdmin, forceJoin } from "./support/injected-device";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { createAgent, createTeamSite, eventually, testDb, type TestAgent } from "./support/routing-fixtures";

// The operator audit against the real stack: a normal conversation, then the
// homeserver's admin (the attacker of DESIGN.md's trust model) adds a device to
// the agent's account and a stranger to the room; the audit must show both.
test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
let siteId: string;
let agent: TestAgent;
let operator: TestAgent;
let agentClient: NodeAgent;
let visitor: NodeVisitor;
let roomId: string;
let operatorPage: Page;
/** The agent's password after the attacker set it (test 2). */
let agentPassword: string;

type AuditJson = {
  audit: {
    alerts: { kind: string; userId: string; deviceId?: string }[];
    members: { userId: string; role: string; devices: { deviceId: string; status: string; eligible: boolean }[] }[];
    timeline: { userId: string; action: string; by: string }[];
  };
};

/** The attacker: Synapse's admin API, with a server admin's token (the stack's auditor account). */
const admin = (method: string, path: string, body: unknown, token?: string) => asAdmin(stack, method, path, body, token);

async function auditOf(page: Page, id: string): Promise<AuditJson> {
  const res = await page.request.get(`${stack.appUrl}/api/operator/audit/${encodeURIComponent(id)}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as AuditJson;
}

async function downloaded(page: Page, linkName: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName, exact: true }).click()]);
  return readFile((await file.path())!, "utf8");
}

test.beforeAll(async () => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
  let teamId: string;
  ({ siteId, teamId } = await createTeamSite(stack, db, "audit"));
  agent = await createAgent(stack, db, { name: "audit-agent", teams: [teamId] });
  operator = await createAgent(stack, db, { name: "audit-operator", teams: [], availability: "offline" });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operator.userId));
});
test.afterAll(async () => {
  visitor?.stop();
  await agentClient?.stop().catch(() => {});
  await end();
});

test("a normal conversation shows no alert, and the visitor's and agent's devices as cross-signed", async ({ browser }) => {
  agentClient = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agent.username, password: agent.password });
  visitor = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  roomId = await visitor.startConversation(siteId);
  await visitor.send(roomId, "hello, is my data safe?");
  await agentClient.join(await agentClient.waitForInvite((r) => r === roomId));
  await agentClient.waitForMessage(roomId, "is my data safe");
  await eventually("the conversation accepted", async () =>
    (await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId)))[0]?.status === "active" ? true : undefined,
  );

  operatorPage = await agentSignsIn(browser, stack, operator);
  await operatorPage.goto(`${stack.appUrl}/operator/audit?site=${siteId}`);
  const row = operatorPage.getByRole("row", { name: new RegExp(roomId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(row).toContainText("No alerts");
  await row.getByRole("link").click();
  await expect(operatorPage.getByRole("heading", { name: `Audit of ${roomId}` })).toBeVisible();
  await expect(operatorPage.getByRole("region", { name: "Alerts" })).toContainText("No alerts");
  const devicesTable = operatorPage.getByRole("table", { name: /Devices/ });
  for (const who of [visitor.userId, agent.userId]) {
    await expect(devicesTable.getByRole("row", { name: new RegExp(who) }).first()).toContainText("✓");
  }
  await expect(operatorPage.getByRole("table", { name: "Membership changes" })).toContainText(`${agent.userId}`);

  const a = await auditOf(operatorPage, roomId);
  expect(a.audit.alerts).toEqual([]);
  const devicesOf = (u: string) => a.audit.members.find((m) => m.userId === u)?.devices ?? [];
  expect(devicesOf(visitor.userId).map((d) => [d.status, d.eligible])).toEqual([["cross-signed", true]]);
  expect(devicesOf(agent.userId).map((d) => [d.status, d.eligible])).toEqual([["cross-signed", true]]);
  expect(devicesOf(stack.router.userId)).toEqual([]);
  expect(a.audit.timeline).toContainEqual(expect.objectContaining({ userId: agent.userId, action: "invite", by: visitor.userId }));
});

test("an injected device and a force-joined stranger are flagged on the page and in the JSON and CSV exports", async () => {
  // (a) A device injected into the agent's account: the admin sets a password (keeping the
  // agent's sessions), logs in as the agent and uploads device keys nobody cross-signed.
  const password = `attacker-${Date.now()}`;
  agentPassword = password;
  await admin("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(agent.userId)}`, { password, logout_devices: false });
  const login = await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: agent.userId }, password, device_id: "INJECTEDDEV" }),
  }).then((r) => r.json() as Promise<{ access_token: string; device_id: string }>);
  expect(login.device_id).toBe("INJECTEDDEV");
  const { unsigned: _u, ...deviceKeys } = device(agent.userId, "INJECTEDDEV").keys;
  await admin("POST", "/_matrix/client/v3/keys/upload", { device_keys: deviceKeys }, login.access_token);

  // (b) A stranger force-joined into the conversation by the admin.
  const stranger = await registerWithSharedSecret({
    homeserverUrl: stack.synapseUrl,
    sharedSecret: stack.registrationSecret,
    username: `stranger-${Date.now()}`,
    password: `p-${Date.now()}`,
  });
  await forceJoin(stack, roomId, stranger.userId);

  const a = await auditOf(operatorPage, roomId);
  const alerts = a.audit.alerts.map((x) => [x.kind, x.userId, x.deviceId ?? null]);
  expect(alerts).toContainEqual(["unsigned_device", agent.userId, "INJECTEDDEV"]);
  expect(alerts).toContainEqual(["unexpected_member", stranger.userId, null]);
  expect(alerts).toContainEqual(["not_on_roster", stranger.userId, null]);
  expect(alerts).toHaveLength(3);
  expect(a.audit.timeline).toContainEqual(expect.objectContaining({ userId: stranger.userId, action: "join" }));

  // The overview, filtered to the alert kind.
  await operatorPage.goto(`${stack.appUrl}/operator/audit?site=${siteId}&alert=unsigned_device`);
  const row = operatorPage.getByRole("row", { name: new RegExp(roomId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(row).toContainText("Unsigned device: 1");
  await expect(row).toContainText("Unexpected member: 1");
  await expect(row).toContainText("Not on roster: 1");

  const json = JSON.parse(await downloaded(operatorPage, "JSON")) as { conversations: AuditJson[] };
  expect(json.conversations).toHaveLength(1);
  expect(json.conversations[0]?.audit.alerts.map((x) => x.kind).sort()).toEqual(["not_on_roster", "unexpected_member", "unsigned_device"]);

  const csv = (await downloaded(operatorPage, "CSV")).trim().split("\r\n");
  expect(csv[0]).toContain('"member","role","membership","on_roster","master_key","device_id","device_status"');
  expect(csv).toContainEqual(
    expect.stringMatching(new RegExp(`"${agent.userId}","agent","join","true","[^"]+","INJECTEDDEV","not cross-signed","false","true","unsigned_device"`)),
  );
  expect(csv).toContainEqual(
    expect.stringMatching(new RegExp(`"${stranger.userId}","unknown","(join|leave)","false","","","","false","","unexpected_member not_on_roster"`)),
  );
  expect(csv.filter((l) => l.includes(`"${visitor.userId}"`))).toEqual([expect.stringContaining('"cross-signed","true","true","",""')]);

  // The detail page names both.
  await row.getByRole("link").click();
  const alertList = operatorPage.getByRole("list", { name: "Alerts" });
  await expect(alertList).toContainText(`Unsigned device: Device INJECTEDDEV of ${agent.userId}`);
  await expect(alertList).toContainText(`Unexpected member: ${stranger.userId}`);
  await expect(operatorPage.getByRole("table", { name: /Devices/ }).getByRole("row", { name: /INJECTEDDEV/ })).toContainText("✗");
});

test("an agent's identity reset and device keys on the router's account are flagged, and stay flagged once the device is deleted", async () => {
  // The agent's cross-signing identity is replaced (a new client resets it, as an attacker with the password could).
  await agentClient.stop();
  agentClient = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agent.username, password: agentPassword });
  // The attacker gives the router's account a device with keys, then deletes it to cover its tracks.
  const password = `attacker-router-${Date.now()}`;
  await admin("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(stack.router.userId)}`, { password, logout_devices: false });
  const login = await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: stack.router.userId }, password, device_id: "ROUTERROGUE" }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const { unsigned: _u, ...deviceKeys } = device(stack.router.userId, "ROUTERROGUE").keys;
  await admin("POST", "/_matrix/client/v3/keys/upload", { device_keys: deviceKeys }, login.access_token);

  const kinds = (a: AuditJson) => a.audit.alerts.map((x) => [x.kind, x.userId, x.deviceId ?? null]);
  const during = kinds(await auditOf(operatorPage, roomId));
  expect(during).toContainEqual(["identity_change", agent.userId, null]);
  expect(during).toContainEqual(["router_device", stack.router.userId, "ROUTERROGUE"]);

  await admin("DELETE", `/_synapse/admin/v2/users/${encodeURIComponent(stack.router.userId)}/devices/ROUTERROGUE`, undefined);
  const keys = await admin("POST", "/_matrix/client/v3/keys/query", { device_keys: { [stack.router.userId]: [] } });
  expect(keys.device_keys).toEqual({ [stack.router.userId]: {} });
  const after = await auditOf(operatorPage, roomId);
  expect(kinds(after)).toContainEqual(["router_device", stack.router.userId, "ROUTERROGUE"]);
  expect(kinds(after)).toContainEqual(["identity_change", agent.userId, null]);
  await operatorPage.goto(`${stack.appUrl}/operator/audit/${encodeURIComponent(roomId)}`);
  await expect(operatorPage.getByRole("list", { name: "Alerts" })).toContainText("Router with a device");
  await expect(operatorPage.getByRole("list", { name: "Alerts" })).toContainText(`Identity change: ${agent.userId}'s master key changed`);
  await expect(operatorPage.getByRole("table", { name: /Devices/ }).getByRole("row", { name: /ROUTERROGUE/ })).toContainText("no (last seen");
});

test("only operators: 401 without a session, 403 and no page for an agent", async ({ browser, request }) => {
  expect((await request.get(`${stack.appUrl}/api/operator/audit`)).status()).toBe(401);
  expect((await request.get(`${stack.appUrl}/api/operator/audit/export?format=csv`)).status()).toBe(401);
  const plain = await createAgent(stack, db, { name: "audit-plain-agent", teams: [], availability: "offline" });
  const page = await agentSignsIn(browser, stack, plain);
  for (const path of ["/api/operator/audit", `/api/operator/audit/${encodeURIComponent(roomId)}`, "/api/operator/audit/export?format=json"]) {
    const res = await page.request.get(`${stack.appUrl}${path}`);
    expect(res.status(), path).toBe(403);
    expect(await res.text()).not.toContain(roomId);
  }
  expect((await page.request.post(`${stack.appUrl}/api/operator/audit`)).status()).toBe(403);
  await page.goto(`${stack.appUrl}/operator/audit`);
  await expect(page.getByRole("heading", { name: "Operators only" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.goto(`${stack.appUrl}/operator/audit/${encodeURIComponent(roomId)}`);
  await expect(page.getByRole("heading", { name: "Operators only" })).toBeVisible();
  await expect(page.getByText(visitor.userId)).toHaveCount(0);
  // Bad filters are a clear 400 for an operator.
  const bad = await operatorPage.request.get(`${stack.appUrl}/api/operator/audit?alert=nonsense`);
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("alert");
});
