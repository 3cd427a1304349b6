import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentSignsIn } from "./helpers";
import { stackInfo } from "./stack-info";
import { createAgent, testDb } from "./support/routing-fixtures";

// Each test opens its own browser contexts (consoles keep syncing): close them so later tests do not share the load.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test("an agent can open no operator page and call no operator API; nobody signed in gets 401", async ({ browser, playwright }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const agent = await createAgent(stack, db, { name: "Plain Agent", teams: [] });
    const page = await agentSignsIn(browser, stack, agent);
    for (const url of ["/operator/agents", "/operator/metrics"]) {
      await page.goto(`${stack.appUrl}${url}`);
      await expect(page.getByRole("heading", { name: "Operators only" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Agents and teams" })).toHaveCount(0);
    }
    const before = (await db.select().from(schema.agents)).length;
    expect((await page.request.get(`${stack.appUrl}/api/operator/agents`)).status()).toBe(403);
    const post = await page.request.post(`${stack.appUrl}/api/operator/agents`, {
      data: { kind: "new", username: `sneaky-${randomBytes(3).toString("hex")}`, displayName: "Sneaky", role: "operator" },
    });
    expect(post.status()).toBe(403);
    expect((await page.request.post(`${stack.appUrl}/api/operator/teams`, { data: { id: "sneaky", name: "Sneaky" } })).status()).toBe(403);
    expect((await page.request.post(`${stack.appUrl}/api/operator/canned`, { data: { teamId: "support", title: "Sneaky", body: "Sneaky" } })).status()).toBe(
      403,
    );
    expect((await db.select().from(schema.agents)).length).toBe(before);
    expect(await db.select().from(schema.teams).where(eq(schema.teams.id, "sneaky"))).toEqual([]);

    const anonymous = await playwright.request.newContext();
    expect((await anonymous.get(`${stack.appUrl}/api/operator/agents`)).status()).toBe(401);
    expect((await anonymous.post(`${stack.appUrl}/api/operator/teams`, { data: { id: "anon", name: "Anon" } })).status()).toBe(401);
    await anonymous.dispose();
  } finally {
    await end();
  }
});

test("the CLI sets up the first operator, who adds a team and an agent; the agent signs in with the one-time password", async ({ browser }) => {
  const stack = stackInfo();
  const username = `first-op-${randomBytes(3).toString("hex")}`;
  const root = process.cwd();
  const { stdout } = await promisify(execFile)(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/setup-operator.ts", "--user", username, "--name", "First Operator"],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: stack.databaseUrl, SYNAPSE_URL: stack.synapseUrl, SYNAPSE_REGISTRATION_SECRET: stack.registrationSecret },
    },
  );
  const password = /One-time password \(shown once, not stored\): (\S+)/.exec(stdout)?.[1];
  expect(password).toBeTruthy();

  const op = await agentSignsIn(browser, stack, { username, password: password! });
  await op.goto(`${stack.appUrl}/operator/agents`);
  await expect(op.getByRole("heading", { name: "Agents and teams" })).toBeVisible();

  // Bad input: a clear 400, nothing created.
  const bad = await op.request.post(`${stack.appUrl}/api/operator/agents`, { data: { kind: "new", username: "Not Valid!", displayName: "X" } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/username/);

  const teamId = `billing-${randomBytes(3).toString("hex")}`;
  await op.getByLabel("Team id").fill(teamId);
  await op.getByLabel("Team name").fill(`Billing ${teamId}`);
  await op.getByRole("button", { name: "Add team" }).click();
  await expect(op.getByRole("cell", { name: teamId, exact: true })).toBeVisible();

  const newAgent = `new-agent-${randomBytes(3).toString("hex")}`;
  const form = op.getByRole("form", { name: "Add an agent" });
  await form.getByLabel("Username").fill(newAgent);
  await form.getByLabel("Display name").fill("New Agent");
  await form.getByLabel(`Billing ${teamId}`).check();
  await form.getByRole("button", { name: "Add agent" }).click();
  const oneTime = ((await form.getByLabel("One-time password").textContent()) ?? "").trim();
  expect(oneTime.length).toBeGreaterThan(10);
  await expect(op.getByRole("row", { name: new RegExp(`New Agent.*${teamId}`) })).toBeVisible();

  // The app stored no password: the agent's browser logs in to Synapse and creates its own keys.
  const agentPage = await agentSignsIn(browser, stack, { username: newAgent, password: oneTime });
  await agentPage.goto(`${stack.appUrl}/operator/agents`);
  await expect(agentPage.getByRole("heading", { name: "Operators only" })).toBeVisible();
});
