// Issue 12: the organisation key is set up at the first operator's first sign-in,
// and signing the roster is a review. The server admin is the attacker: it resets
// agent B's cross-signing identity (admin API) while the operator signs to add a
// new agent A, and inserts an agents row no operator added.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { identityCode } from "../lib/roster/identity-code";
import type { RosterAgent } from "../lib/roster/roster";
import { verifyRoster } from "../lib/roster/verify-roster";
import { agentSignsInFirstTime } from "./helpers";
import { asAdmin } from "./support/injected-device";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { operatorSpec, type OperatorSpec } from "./support/org-roster";
import { createAgent, type TestAgent } from "./support/routing-fixtures";
import { defined } from "../lib/testing/defined";

test.describe.configure({ mode: "serial" });

// Set by operatorSpec (below); the operator's page, recovery key and organisation key by the first test.
let { stack, fixtures, operator, api } = {} as OperatorSpec;
let opPage: Page, recoveryKey: string, orgKey: string;
const nodeAgents: NodeAgent[] = [];

/** The master key Synapse publishes for a user now (what the console reads with /keys/query). */
async function serverMasterKey(userId: string): Promise<string> {
  const keys = (await asAdmin(stack, "POST", "/_matrix/client/v3/keys/query", { device_keys: { [userId]: [] } })) as {
    master_keys?: Record<string, { keys: Record<string, string> }>;
  };
  const key = keys.master_keys?.[userId];
  if (!key) throw new Error(`${userId} has no master key on the server`);
  return defined(Object.values(key.keys)[0], `${userId}'s master key`);
}

/** The roster `GET /api/roster` serves (what every widget fetches), verified against the organisation key. */
async function servedRoster(): Promise<{ version: number; agents: RosterAgent[] }> {
  const served = (await (await fetch(`${stack.appUrl}/api/roster`)).json()) as { roster: unknown };
  const checked = await verifyRoster(served.roster, orgKey);
  if (!checked.ok) throw new Error(`the served roster does not verify: ${checked.reason}`);
  return checked.roster;
}

/** Adds an agent the way an operator does on the Agents page (the console's route); returns the one-time password. */
async function addAgentInConsole(name: string): Promise<TestAgent> {
  const username = `${name}-${randomBytes(3).toString("hex")}`;
  const res = await api.post("/api/operator/agents", { data: { kind: "new", username, displayName: name, role: "agent", teams: [] } });
  expect(res.status()).toBe(201);
  const { userId, oneTimePassword } = (await res.json()) as { userId: string; oneTimePassword: string };
  return { userId, username, password: oneTimePassword };
}

/**
 * The attacker resets an agent's cross-signing identity: the admin sets a password of
 * its own (the agent's sessions stay), hides the agent's secret storage for the moment
 * of the reset (else the client would want to store the new keys there, which needs the
 * recovery key), uploads a new identity from a fresh client, and puts it back.
 */
async function resetIdentityAsAdmin(who: TestAgent): Promise<void> {
  const password = `attacker-${Date.now()}`;
  await asAdmin(stack, "PUT", `/_synapse/admin/v2/users/${encodeURIComponent(who.userId)}`, { password, logout_devices: false });
  const login = (await (
    await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
      method: "POST",
      body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: who.username }, password }),
    })
  ).json()) as { access_token: string };
  const defaultKey = `${stack.synapseUrl}/_matrix/client/v3/user/${encodeURIComponent(who.userId)}/account_data/m.secret_storage.default_key`;
  const headers = { authorization: `Bearer ${login.access_token}`, "content-type": "application/json" };
  const saved = await (await fetch(defaultKey, { headers })).text();
  await fetch(defaultKey, { method: "PUT", headers, body: "{}" });
  try {
    nodeAgents.push(await startNodeAgent({ baseUrl: stack.synapseUrl, username: who.username, password }));
  } finally {
    await fetch(defaultKey, { method: "PUT", headers, body: saved });
  }
}

async function unlockTrustPage(): Promise<void> {
  await opPage.goto(`${stack.appUrl}/operator/trust`);
  await opPage.getByRole("textbox", { name: "Recovery key" }).fill(recoveryKey);
  await opPage.getByRole("button", { name: "Unlock" }).click();
  await expect(opPage.getByRole("button", { name: "Sign roster" })).toBeEnabled({ timeout: 60_000 });
}

async function signRoster(version: number): Promise<void> {
  await opPage.getByRole("button", { name: "Sign roster" }).click();
  await expect(opPage.getByRole("status").filter({ hasText: new RegExp(`^Roster version ${version} published with \\d+ agents?\\.$`) })).toBeVisible({
    timeout: 30_000,
  });
}

const row = (section: string, userId: string) => opPage.getByRole("region", { name: section }).getByRole("row", { name: new RegExp(userId) });

const spec = operatorSpec("First Operator", nodeAgents);
test.beforeAll(() => void ({ stack, fixtures, operator, api } = spec));

test("an operator who puts the set-up off keeps a visible reminder", async ({ browser }) => {
  const other = await createAgent(stack, fixtures.db, { name: "Busy Operator", teams: [], availability: "offline" });
  await fixtures.db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, other.userId));
  const { page } = await agentSignsInFirstTime(browser, stack, other);
  await page.getByRole("region", { name: "Set up your organisation key" }).getByRole("button", { name: "Later" }).click();
  const reminder = page.getByRole("status").filter({ hasText: "No organisation key yet" });
  await expect(reminder).toBeVisible();
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await expect(reminder).toBeVisible();
  await expect(reminder.getByRole("link", { name: "Set up the organisation key" })).toHaveAttribute("href", "/operator/trust");
  await page.context().close();
});

test("the first operator of an install without a key is led to create it at first sign-in; the Sites page snippet then carries it", async ({ browser }) => {
  const signedIn = await agentSignsInFirstTime(browser, stack, operator);
  opPage = signedIn.page;
  recoveryKey = signedIn.recoveryKey!;
  expect(recoveryKey).toBeTruthy();
  const setUp = opPage.getByRole("region", { name: "Set up your organisation key" });
  await expect(setUp).toBeVisible();

  // Meanwhile the Sites page says the snippets are incomplete and links to the set-up.
  const sites = await opPage.context().newPage();
  await sites.goto(`${stack.appUrl}/operator/sites`);
  await expect(sites.getByRole("row", { name: /demo/ }).first()).toContainText("Incomplete: no organisation key yet");
  await expect(sites.getByRole("link", { name: "Set up the organisation key" }).first()).toHaveAttribute("href", "/operator/trust");

  await setUp.getByRole("button", { name: "Create the organisation key now" }).click();
  const fingerprint = opPage.getByLabel("Organisation key fingerprint");
  await expect(fingerprint).toHaveText(/^ed25519:[A-Za-z0-9+/]{43}$/, { timeout: 30_000 });
  orgKey = (await fingerprint.textContent())!;
  // Only the public part reached the server.
  const trust = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
  expect(trust.orgKey).toBe(orgKey);

  await sites.reload();
  await expect(sites.getByRole("row", { name: /demo/ }).first()).toContainText(`data-org-key="${orgKey}"`);
  await expect(sites.getByText("Incomplete")).toHaveCount(0);
  await sites.close();
  // A later visit to the inbox shows no set-up step any more.
  await opPage.reload();
  await expect(opPage.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await expect(opPage.getByRole("region", { name: "Set up your organisation key" })).toHaveCount(0);
});

test("a hostile reset of B is not accepted when the operator signs to add A; an inserted agents row is flagged; B's console says its identity was replaced", async ({
  browser,
}) => {
  // B: added in the console, signs in (creates its identity), signed into roster 1 by default.
  const b = await addAgentInConsole("review-b");
  const bPage = (await agentSignsInFirstTime(browser, stack, b)).page;
  const bOldKey = await serverMasterKey(b.userId);
  const bOldCode = (await identityCode(bOldKey))!;
  await bPage.getByRole("button", { name: "Your identity" }).click();
  await expect(bPage.getByLabel("Your identity code")).toHaveText(bOldCode, { timeout: 30_000 });
  await unlockTrustPage();
  await expect(row("New agents", b.userId)).toContainText("not on the roster yet (added through the console)");
  await expect(opPage.getByRole("checkbox", { name: `Sign ${b.userId} into the roster` })).toBeChecked();
  await signRoster(1);
  expect((await servedRoster()).agents).toContainEqual({ user_id: b.userId, master_key: bOldKey });

  // A: a new agent added in the console, with an identity (first sign-in in a Matrix client).
  const a = await addAgentInConsole("review-a");
  nodeAgents.push(await startNodeAgent({ baseUrl: stack.synapseUrl, username: a.username, password: a.password }));
  const aKey = await serverMasterKey(a.userId);
  // X: an agents row inserted in the database (no operator added it), with an identity.
  const x = await createAgent(stack, fixtures.db, { name: "Inserted Row", teams: [], availability: "offline" });
  nodeAgents.push(await startNodeAgent({ baseUrl: stack.synapseUrl, username: x.username, password: x.password }));
  const xKey = await serverMasterKey(x.userId);
  // The attacker resets B's identity: sets a password of its own (B's sessions stay) and uploads a new cross-signing identity.
  await resetIdentityAsAdmin(b);
  const bNewKey = await serverMasterKey(b.userId);
  expect(bNewKey).not.toBe(bOldKey);
  const bNewCode = (await identityCode(bNewKey))!;

  // B's own console says so, with the code the server now shows.
  const replaced = bPage.getByRole("alert").filter({ hasText: "Your encryption identity on the server is not the one this browser set up" });
  await expect(replaced).toBeVisible({ timeout: 60_000 });
  await expect(replaced.getByLabel("Identity code on the server")).toHaveText(bNewCode);
  await expect(replaced).toContainText(bOldCode);

  // The review: B's change as a possible attack with its code, not accepted; A accepted; X flagged and left out.
  await unlockTrustPage();
  await expect(row("Changed identities: possible attack", b.userId)).toContainText("possible attack");
  await expect(row("Changed identities: possible attack", b.userId).getByLabel(`Identity code of ${b.userId}`)).toHaveText(bNewCode);
  await expect(opPage.getByRole("checkbox", { name: `Accept the new identity of ${b.userId}` })).not.toBeChecked();
  await expect(row("New agents", a.userId)).toBeVisible();
  await expect(opPage.getByRole("checkbox", { name: `Sign ${a.userId} into the roster` })).toBeChecked();
  await expect(row("Accounts not added through the console", x.userId)).toContainText("not added through the console");
  await expect(opPage.getByRole("checkbox", { name: `Sign ${x.userId} into the roster` })).not.toBeChecked();
  await signRoster(2);
  let roster = await servedRoster();
  expect(roster.version).toBe(2);
  expect(roster.agents).toContainEqual({ user_id: a.userId, master_key: aKey });
  expect(roster.agents).toContainEqual({ user_id: b.userId, master_key: bOldKey });
  expect(roster.agents.map((r) => r.user_id)).not.toContain(x.userId);
  // B's change is still pending review after signing.
  await expect(row("Changed identities: possible attack", b.userId)).toBeVisible();

  // Accepted explicitly (after comparing the code with B), B's new key is signed; X only once accepted too.
  await opPage.getByRole("checkbox", { name: `Accept the new identity of ${b.userId}` }).check();
  await signRoster(3);
  roster = await servedRoster();
  expect(roster.agents).toContainEqual({ user_id: b.userId, master_key: bNewKey });
  expect(roster.agents.map((r) => r.user_id)).not.toContain(x.userId);
  await opPage.getByRole("checkbox", { name: `Sign ${x.userId} into the roster` }).check();
  await signRoster(4);
  expect((await servedRoster()).agents).toContainEqual({ user_id: x.userId, master_key: xKey });
  await bPage.context().close();
});
