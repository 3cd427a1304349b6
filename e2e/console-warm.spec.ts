import { expect, test, type Page, type Request } from "@playwright/test";
import { registerWithSharedSecret } from "@/lib/matrix/shared-secret-register";
import { agentSends, agentSignsIn } from "./helpers";
import { startRouter, stackInfo, stopRouters, type StackInfo } from "./stack-info";
import { forceJoin } from "./support/injected-device";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { removeOrg } from "./support/org-roster";
import { createAgent, createTeamSite, testDb } from "./support/routing-fixtures";
import { deleteStoredSync, storedSyncToken, SYNC_STORE_PREFIX } from "./support/stored-sync";

// Issue 14: the console keeps its sync in IndexedDB; a reload resumes from the stored token, and the
// member guard still sees a member the server added while the console was closed before anything is sent.
test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let fixtures: ReturnType<typeof testDb>;
let page: Page;
let roomId: string;
const visitors: NodeVisitor[] = [];
const question = `Is my order shipped ${Date.now()}?`;
const answer = `Yes, this morning ${Date.now()}.`;

test.beforeAll(async () => {
  stack = stackInfo();
  fixtures = testDb(stack);
  // Degraded mode (no organisation key): the console names every member the app does not list.
  await removeOrg(fixtures.db);
});
test.afterAll(async () => {
  for (const v of visitors) v.stop();
  await fixtures.end();
});

/** The /sync requests this page makes from now on. */
function syncRequests(p: Page): Request[] {
  const seen: Request[] = [];
  p.on("request", (r) => void (new URL(r.url()).pathname.endsWith("/sync") && seen.push(r)));
  return seen;
}
const since = (r: Request): string | null => new URL(r.url()).searchParams.get("since");

async function openTheConversation(p: Page): Promise<void> {
  await p
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click({ timeout: 60_000 });
  await expect(p.locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 60_000 });
}

test("a reload resumes from the stored sync token and shows the conversation and its messages", async ({ browser }) => {
  const { siteId, teamId } = await createTeamSite(stack, fixtures.db, "warmstart");
  const agent = await createAgent(stack, fixtures.db, { name: "Warm Agent", teams: [teamId] });
  page = await agentSignsIn(browser, stack, agent);
  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  visitors.push(v);
  roomId = await v.startConversation(siteId);
  await v.send(roomId, question);
  await openTheConversation(page);
  await agentSends(page, answer);
  await v.waitForMessage(roomId, answer);
  await expect.poll(() => storedSyncToken(page), { timeout: 30_000 }).not.toBeNull();

  const syncs = syncRequests(page);
  await page.reload();
  await openTheConversation(page);
  await expect(page.locator("li.mine", { hasText: answer })).toBeVisible();
  // No initial sync: every /sync of the warm start carries the stored token.
  expect(syncs.length).toBeGreaterThan(0);
  for (const r of syncs) expect(since(r), r.url()).toBeTruthy();
});

test("a member the server added while the console was closed holds the agent's message on a warm start, even if the server delays its answer, as on a cold start", async () => {
  test.setTimeout(300_000);
  const username = `warm-stranger-${Date.now()}`;
  const { userId: stranger } = await registerWithSharedSecret({
    homeserverUrl: stack.synapseUrl,
    sharedSecret: stack.registrationSecret,
    username,
    password: `p-${Date.now()}`,
  });
  const warning = page.getByRole("alert").filter({ hasText: /(is not an agent|are not agents) of this organisation/ });
  // The console is closed; the server side (router down: nobody kicks) adds a stranger.
  await page.goto("about:blank");
  await stopRouters();
  try {
    await forceJoin(stack, roomId, stranger);

    // Warm start. The server holds back its answer to the stored token for a while: until it
    // answers, the console must not let the agent write (it would not know the stranger yet).
    const syncs = syncRequests(page);
    let delayed = false;
    await page.route(/\/sync\?/, async (route) => {
      if (!delayed && since(route.request())) {
        delayed = true;
        await new Promise((r) => setTimeout(r, 8_000));
      }
      await route.continue();
    });
    await page.goto(`${stack.appUrl}/inbox`);
    await openTheConversation(page);
    await agentSends(page, "written on the warm start");
    await expect(page.locator("li.mine", { hasText: "written on the warm start" })).toHaveAttribute("data-held", "true", { timeout: 30_000 });
    await expect(warning).toContainText(stranger);
    await expect(page.getByRole("region", { name: "Security alerts" }).locator('[data-kind="unexpected_member"]', { hasText: stranger })).toBeVisible({
      timeout: 30_000,
    });
    expect(delayed).toBe(true);
    for (const r of syncs) expect(since(r), r.url()).toBeTruthy();
    await page.unroute(/\/sync\?/);

    // The same on a cold start: the stored sync deleted (the console closed first, so nothing holds it open).
    await page.goto(`${stack.appUrl}/no-such-page`);
    await deleteStoredSync(page);
    const coldSyncs = syncRequests(page);
    await page.goto(`${stack.appUrl}/inbox`);
    await openTheConversation(page);
    expect(since(coldSyncs[0]!)).toBeNull();
    await agentSends(page, "written on the cold start");
    await expect(page.locator("li.mine", { hasText: "written on the cold start" })).toHaveAttribute("data-held", "true", { timeout: 30_000 });
    await expect(warning).toContainText(stranger);
  } finally {
    await startRouter();
  }
});

test("signing out with the keys wiped deletes the stored sync with them", async () => {
  const storeNames = (): Promise<string[]> =>
    page.evaluate(async (prefix) => (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith(prefix)), SYNC_STORE_PREFIX);
  await expect.poll(() => storedSyncToken(page), { timeout: 30_000 }).not.toBeNull();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out and wipe this browser's keys" }).click();
  await expect(page).toHaveURL(/\/login/, { timeout: 30_000 });
  await expect.poll(storeNames, { timeout: 10_000 }).toEqual([]);
});
