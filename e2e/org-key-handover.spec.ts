// Issue 16, item 3: the organisation key for more than one operator. Operator A makes the key
// and hands it (Olm-encrypted, browser to browser) to operator B, who signs a roster with it;
// B rotates the key, and a widget embedded with the OLD snippet follows the old key's
// endorsement during the transition; a server that forges an endorsement is refused.
import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { signEndorsement, signRoster } from "../lib/roster/sign-roster";
import { defined } from "../lib/testing/defined";
import { agentSignsInFirstTime, visitorOpensChat, visitorSends } from "./helpers";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { consoleSession, masterKeyOf, newTestOrg, removeOrg } from "./support/org-roster";
import { createAgent, createTeamSite, eventually, testDb, type TestAgent } from "./support/routing-fixtures";
import { stackInfo, type StackInfo } from "./stack-info";

test.describe.configure({ mode: "serial" });

const DAY = 86_400_000;
let stack: StackInfo;
let fixtures: ReturnType<typeof testDb>;
let siteId: string;
let teamId: string;
let opA: TestAgent;
let opB: TestAgent;
let agentC: TestAgent;
let cClient: NodeAgent | undefined;
const pages: { a?: Page; b?: Page } = {};
const recovery: { a?: string; b?: string } = {};
let oldKey: string;
let newKey: string;

async function operator(name: string): Promise<TestAgent> {
  const op = await createAgent(stack, fixtures.db, { name, teams: [], availability: "offline" });
  await fixtures.db.update(schema.agents).set({ role: "operator", addedBy: "setup:operator" }).where(eq(schema.agents.userId, op.userId));
  return op;
}

async function unlockTrust(page: Page, recoveryKey: string): Promise<void> {
  await page.goto(`${stack.appUrl}/operator/trust`);
  await page.getByRole("textbox", { name: "Recovery key" }).fill(recoveryKey);
  await page.getByRole("button", { name: "Unlock" }).click();
}

/** The handover audit rows of this spec's operators (the table outlives the spec). */
const ours = async () => (await fixtures.db.select().from(schema.orgKeyHandovers)).filter((h) => [opA.userId, opB.userId].includes(h.fromUserId));

const conversationCount = async () => (await fixtures.db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId))).length;

/** A visitor on a page whose snippet carries `orgKey` sends `text`; the agent C reads it, and the visitor reads C's answer. */
async function chatWorks(browser: Browser, orgKey: string, text: string): Promise<void> {
  const rooms = async () => (await fixtures.db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId))).map((r) => r.roomId);
  const before = new Set(await rooms());
  const { chat, page } = await visitorOpensChat(browser, stack, siteId, { org_key: orgKey });
  await visitorSends(chat, text);
  const roomId = await eventually("the conversation recorded", async () => (await rooms()).find((r) => !before.has(r)), 60_000);
  await cClient!.waitForInvite((r) => r === roomId, 60_000);
  await cClient!.join(roomId);
  await cClient!.waitForMessage(roomId, text, 60_000);
  await cClient!.sendText(roomId, `answer to: ${text}`);
  await expect(chat.getByText(`answer to: ${text}`)).toBeVisible({ timeout: 30_000 });
  await expect(chat.getByRole("alert")).toHaveCount(0);
  await page.context().close();
}

test.beforeAll(async () => {
  stack = stackInfo();
  fixtures = testDb(stack);
  await removeOrg(fixtures.db);
  ({ siteId, teamId } = await createTeamSite(stack, fixtures.db, "handover"));
  opA = await operator("Key Holder A");
  opB = await operator("Second Operator B");
});

test.afterAll(async () => {
  await cClient?.stop().catch(() => {});
  for (const p of Object.values(pages)) await p?.context().close();
  await removeOrg(fixtures.db);
  await fixtures.end();
});

test("a: A hands the key to B (sealed to B's verified devices); B signs a roster adding an agent; a widget with the snippet verifies it", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const a = await agentSignsInFirstTime(browser, stack, opA);
  const b = await agentSignsInFirstTime(browser, stack, opB);
  pages.a = a.page;
  pages.b = b.page;
  recovery.a = defined(a.recoveryKey, "A's recovery key");
  recovery.b = defined(b.recoveryKey, "B's recovery key");

  // A makes the key and signs both operators' identities into roster version 1.
  await unlockTrust(a.page, recovery.a);
  await a.page.getByRole("button", { name: "Create organisation key" }).click({ timeout: 60_000 });
  const fingerprint = a.page.getByLabel("Organisation key fingerprint");
  await expect(fingerprint).toHaveText(/^ed25519:[A-Za-z0-9+/]{43}$/, { timeout: 30_000 });
  oldKey = (await fingerprint.textContent())!;
  await expect(a.page.getByRole("row", { name: new RegExp(opB.userId) })).toContainText("not on the roster yet", { timeout: 30_000 });
  await a.page.getByRole("button", { name: "Sign roster" }).click();
  await expect(a.page.getByRole("status").filter({ hasText: /^Roster version 1 published/ })).toBeVisible({ timeout: 30_000 });

  // B has no key: the page waits for a handover and offers no signing.
  await unlockTrust(b.page, recovery.b);
  await expect(b.page.getByRole("heading", { name: "Waiting for the organisation key" })).toBeVisible({ timeout: 60_000 });
  await expect(b.page.getByRole("button", { name: "Sign roster" })).toHaveCount(0);

  // A new agent with a cross-signed identity, added through the console, not yet on the roster.
  agentC = await createAgent(stack, fixtures.db, { name: "Agent C", teams: [teamId] });
  await fixtures.db.update(schema.agents).set({ addedBy: opA.userId }).where(eq(schema.agents.userId, agentC.userId));
  cClient = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agentC.username, password: agentC.password });

  await a.page.getByRole("button", { name: `Hand the key to ${opB.userId}` }).click();
  await expect(a.page.getByRole("status").filter({ hasText: `Organisation key handed to ${opB.userId} (1 verified device)` })).toBeVisible({ timeout: 30_000 });
  await expect(b.page.getByRole("status").filter({ hasText: `You now hold the organisation key, handed over by ${opA.userId}.` })).toBeVisible({
    timeout: 60_000,
  });

  // The key is B's now, in B's own secret storage: after a reload B unlocks it like the first operator and signs
  // roster version 2 with it, adding C.
  await unlockTrust(b.page, recovery.b);
  await expect(b.page.getByRole("button", { name: "Sign roster" })).toBeVisible({ timeout: 60_000 });
  await expect(b.page.getByRole("row", { name: new RegExp(agentC.userId) })).toContainText("not on the roster yet", { timeout: 30_000 });
  await b.page.getByRole("button", { name: "Sign roster" }).click();
  await expect(b.page.getByRole("status").filter({ hasText: /^Roster version 2 published/ })).toBeVisible({ timeout: 30_000 });
  const row = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
  expect([row.orgKey, row.rosterVersion, row.updatedBy]).toEqual([oldKey, 2, opB.userId]);
  expect((row.roster as { agents: { user_id: string; master_key: string }[] }).agents).toContainEqual({
    user_id: agentC.userId,
    master_key: await masterKeyOf(cClient),
  });

  // The handover is audited (who, to whom, which key); the server never had the private key.
  const audit = await ours();
  expect(audit.map((h) => [h.fromUserId, h.toUserId, h.orgKey])).toEqual([[opA.userId, opB.userId, oldKey]]);

  // A widget with the snippet verifies B's roster and encrypts to C.
  await chatWorks(browser, oldKey, "hello after the handover");
});

test("b: B rotates the key; Sites shows the new snippet; a widget with the OLD snippet still chats during the transition", async ({ browser }) => {
  test.setTimeout(240_000);
  const b = defined(pages.b, "B's page");
  await b.getByRole("spinbutton", { name: /Transition/ }).fill("30");
  await b.getByRole("button", { name: "Rotate organisation key" }).click();
  const done = b.getByRole("status").filter({ hasText: /^Organisation key rotated: the new fingerprint is ed25519:/ });
  await expect(done).toBeVisible({ timeout: 60_000 });
  newKey = defined((await done.textContent())?.match(/ed25519:[A-Za-z0-9+/]{43}/)?.[0], "the new fingerprint");
  expect(newKey).not.toBe(oldKey);
  await expect(b.getByLabel("Organisation key fingerprint")).toHaveText(newKey);
  const row = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
  expect([row.orgKey, row.rosterVersion]).toEqual([newKey, 3]);
  const endorsement = (row.endorsements as { old_key: string; new_key: string; expires_at: number }[])[0]!;
  expect([endorsement.old_key, endorsement.new_key]).toEqual([oldKey, newKey]);
  expect(Math.abs(endorsement.expires_at - (Date.now() + 30 * DAY))).toBeLessThan(10 * 60_000);

  // The Sites page: the new snippet, and until when the old one works.
  await b.goto(`${stack.appUrl}/operator/sites`);
  await expect(b.getByRole("row", { name: new RegExp(siteId) })).toContainText(`data-org-key="${newKey}"`);
  const note = b.getByRole("note").filter({ hasText: "The organisation key was rotated" });
  await expect(note).toContainText(`data-org-key="${oldKey}"`);
  await expect(note).toContainText(/keeps working until \d+ \w+ \d{4} at \d\d:\d\d UTC/);

  // A, still holding the old key, is told to wait for the new one (never offered to sign with the old one).
  await unlockTrust(defined(pages.a, "A's page"), defined(recovery.a, "A's recovery key"));
  await expect(pages.a!.getByRole("heading", { name: "Waiting for the organisation key" })).toBeVisible({ timeout: 60_000 });

  // The old snippet follows the endorsement; the new one verifies directly.
  await chatWorks(browser, oldKey, "old snippet after the rotation");
  await chatWorks(browser, newKey, "new snippet after the rotation");
});

test("c: a forged endorsement, a roster by an unknown key or a transition that ended: the old snippet's widget sends nothing", async ({ browser }) => {
  test.setTimeout(240_000);
  const attacker = await newTestOrg();
  const agents = [{ user_id: agentC.userId, master_key: await masterKeyOf(cClient!) }];
  const now = Date.now();
  const forged = await signEndorsement({ oldKey, newKey: attacker.orgKey, issuedAt: now, expiresAt: now + DAY }, attacker.privateKey);
  const attackerRoster = await signRoster({ version: 99, issuedAt: now, orgKey: attacker.orgKey, agents }, attacker.privateKey);

  // Through the API: an endorsement the registered key did not sign is refused and changes nothing.
  const api = await consoleSession(stack, opB);
  const forgedFromCurrent = await signEndorsement({ oldKey: newKey, newKey: attacker.orgKey, issuedAt: now, expiresAt: now + DAY }, attacker.privateKey);
  const res = await api.post("/api/operator/org-key/rotate", { data: { endorsement: forgedFromCurrent, roster: attackerRoster } });
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: string }).error).toBe("The endorsement is not signed by the registered organisation key");
  expect((await api.post("/api/operator/org-key/rotate", { data: { endorsement: "x", roster: attackerRoster } })).status()).toBe(400);
  // The handover record: only to another operator, only for the registered key.
  expect((await api.post("/api/operator/org-key/handovers", { data: { to: agentC.userId, orgKey: newKey } })).status()).toBe(400);
  expect((await api.post("/api/operator/org-key/handovers", { data: { to: opA.userId, orgKey: oldKey } })).status()).toBe(409);
  expect((await api.post("/api/operator/org-key/handovers", { data: { to: opB.userId, orgKey: newKey } })).status()).toBe(400);
  const anonymous = await request.newContext({ baseURL: stack.appUrl });
  expect((await anonymous.post("/api/operator/org-key/handovers", { data: { to: opA.userId, orgKey: newKey } })).status()).toBe(401);
  expect((await anonymous.post("/api/operator/org-key/rotate", { data: { endorsement: forgedFromCurrent, roster: attackerRoster } })).status()).toBe(401);
  await Promise.all([api.dispose(), anonymous.dispose()]);
  expect(await ours()).toHaveLength(1);
  const kept = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
  expect([kept.orgKey, kept.rosterVersion, (kept.endorsements as unknown[]).length]).toEqual([newKey, 3, 1]);

  // A transition that ended, with keys the test holds (as an operator's browser would have made them).
  const [past, successor] = [await newTestOrg(), await newTestOrg()];
  const ended = await signEndorsement({ oldKey: past.orgKey, newKey: successor.orgKey, issuedAt: now - 40 * DAY, expiresAt: now - DAY }, past.privateKey);
  const successorRoster = await signRoster({ version: 5, issuedAt: now, orgKey: successor.orgKey, agents }, successor.privateKey);

  // The server as the attacker writes its database directly.
  const cases: [string, string, { orgKey: string; roster: unknown; endorsements: unknown[] }][] = [
    ["an endorsement of the attacker's key signed by the attacker", oldKey, { orgKey: attacker.orgKey, roster: attackerRoster, endorsements: [forged] }],
    ["a roster signed by an unknown key, no endorsement", oldKey, { orgKey: attacker.orgKey, roster: attackerRoster, endorsements: [] }],
    ["the old snippet after its transition ended", past.orgKey, { orgKey: successor.orgKey, roster: successorRoster, endorsements: [ended] }],
  ];
  for (const [what, snippetKey, served] of cases) {
    await test.step(what, async () => {
      await fixtures.db
        .update(schema.orgTrust)
        .set({ ...served, rosterVersion: (served.roster as { version: number }).version })
        .where(eq(schema.orgTrust.id, "org"));
      const before = await conversationCount();
      const { chat, page } = await visitorOpensChat(browser, stack, siteId, { org_key: snippetKey });
      await visitorSends(chat, `must not leave (${what})`);
      // What the visitor sees: the message held on the device, and why.
      await expect(chat.getByRole("alert").filter({ hasText: "not signed by this website's key" })).toBeVisible({ timeout: 30_000 });
      await expect(chat.locator("li.mine", { hasText: "must not leave" })).toHaveAttribute("data-state", "pending");
      await new Promise((r) => setTimeout(r, 5_000));
      expect(await conversationCount()).toBe(before);
      await page.context().close();
    });
  }
});
