// The organisation key and roster from the operator's side: made and signed in
// the browser (Chromium, real secret storage), published through operator-only
// routes that verify what they store.
import { expect, request, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { signRoster } from "../lib/roster/sign-roster";
import { verifyRoster } from "../lib/roster/verify-roster";
import { agentSignsInFirstTime } from "./helpers";
import { consoleSession, newTestOrg, removeOrg } from "./support/org-roster";
import { createAgent, testDb, type TestAgent } from "./support/routing-fixtures";
import { stackInfo, type StackInfo } from "./stack-info";
import { defined } from "../lib/testing/defined";

test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let fixtures: ReturnType<typeof testDb>;
let operator: TestAgent;
let agent: TestAgent;

test.beforeAll(async () => {
  stack = stackInfo();
  fixtures = testDb(stack);
  await removeOrg(fixtures.db);
  operator = await createAgent(stack, fixtures.db, { name: "Key Operator", teams: [], availability: "offline" });
  await fixtures.db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operator.userId));
  agent = await createAgent(stack, fixtures.db, { name: "Plain Agent", teams: [], availability: "offline" });
});

test.afterAll(async () => {
  await removeOrg(fixtures.db);
  await fixtures.end();
});

test("only operators may register a key or publish a roster", async () => {
  const { orgKey } = await newTestOrg();
  const anonymous = await request.newContext({ baseURL: stack.appUrl });
  for (const [path, body] of [
    ["/api/operator/org-key", { orgKey }],
    ["/api/operator/roster", { roster: {} }],
  ] as const) {
    expect((await anonymous.post(path, { data: body })).status()).toBe(401);
  }
  const plain = await consoleSession(stack, agent);
  expect((await plain.post("/api/operator/org-key", { data: { orgKey } })).status()).toBe(403);
  expect((await plain.post("/api/operator/roster", { data: { roster: {} } })).status()).toBe(403);
  expect(await fixtures.db.select().from(schema.orgTrust)).toEqual([]);
  await Promise.all([anonymous.dispose(), plain.dispose()]);
});

test("an operator creates the key in the browser and signs the roster; the server verifies what it stores", async ({ browser }) => {
  const { page, recoveryKey } = await agentSignsInFirstTime(browser, stack, operator);
  expect(recoveryKey).toBeTruthy();
  await page.goto(`${stack.appUrl}/operator/trust`);
  await expect(page.getByText("No organisation key yet")).toBeVisible();
  await page.getByRole("textbox", { name: "Recovery key" }).fill(recoveryKey!);
  await page.getByRole("button", { name: "Unlock" }).click();
  await page.getByRole("button", { name: "Create organisation key" }).click({ timeout: 60_000 });
  const fingerprint = page.getByLabel("Organisation key fingerprint");
  await expect(fingerprint).toHaveText(/^ed25519:[A-Za-z0-9+/]{43}$/, { timeout: 30_000 });
  const orgKey = (await fingerprint.textContent())!;
  // Only the public part reached the server.
  const row = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
  expect(row.orgKey).toBe(orgKey);

  await expect(page.getByRole("row", { name: new RegExp(operator.userId) })).toContainText("not on the roster yet", { timeout: 30_000 });
  await expect(page.getByRole("row", { name: new RegExp(agent.userId) })).toContainText("no encryption identity yet");
  await page.getByRole("button", { name: "Sign roster" }).click();
  // Agents from other specs may share this stack: count them in, but never the one without an identity.
  await expect(page.getByRole("status").filter({ hasText: /^Roster version 1 published with \d+ agents?\.$/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("row", { name: new RegExp(operator.userId) })).toContainText("on the roster");

  // What the widget fetches verifies against the fingerprint, and pins the operator's real master key.
  const served = (await (await fetch(`${stack.appUrl}/api/roster`)).json()) as { roster: unknown };
  const checked = await verifyRoster(served.roster, orgKey);
  expect(checked.ok).toBe(true);
  const keys = (await (
    await fetch(`${stack.synapseUrl}/_matrix/client/v3/keys/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.router.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ device_keys: { [operator.userId]: [] } }),
    })
  ).json()) as { master_keys: Record<string, { keys: Record<string, string> }> };
  const signed = checked.ok ? checked.roster.agents : [];
  expect(signed).toContainEqual({ user_id: operator.userId, master_key: Object.values(keys.master_keys[operator.userId]?.keys ?? {})[0] });
  expect(signed.map((a) => a.user_id)).not.toContain(agent.userId);

  // The snippet operators paste carries the fingerprint.
  await page.goto(`${stack.appUrl}/operator/sites`);
  await expect(page.getByRole("row", { name: /demo/ }).first()).toContainText(`data-org-key="${orgKey}"`);

  // A forged or replayed roster is refused and changes nothing.
  const api = await consoleSession(stack, operator);
  const valid = (served as { roster: { version: number; agents: unknown[] } }).roster;
  const tampered = { ...valid, agents: [...valid.agents, { user_id: agent.userId, master_key: "A".repeat(43) }] };
  expect((await api.post("/api/operator/roster", { data: { roster: tampered } })).status()).toBe(400);
  const other = await newTestOrg();
  const otherRoster = await signRoster({ version: 7, issuedAt: Date.now(), orgKey: other.orgKey, agents: [] }, other.privateKey);
  expect((await api.post("/api/operator/roster", { data: { roster: otherRoster } })).status()).toBe(400);
  expect((await api.post("/api/operator/roster", { data: { roster: valid } })).status()).toBe(409);
  expect((await api.post("/api/operator/org-key", { data: { orgKey: other.orgKey } })).status()).toBe(409);
  expect((await api.post("/api/operator/roster", { data: { roster: "x" } })).status()).toBe(400);
  const after = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
  expect([after.orgKey, after.rosterVersion]).toEqual([orgKey, 1]);
  await api.dispose();
});
