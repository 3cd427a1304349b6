import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { agentOpensConsole, agentSends, agentSignsInFirstTime, visitorOpensChat, visitorSends } from "./helpers";
import { stackInfo, type StackInfo } from "./stack-info";
import { createAgent, createTeamSite, eventually, testDb, type TestAgent } from "./support/routing-fixtures";
import { visitorConversation } from "./support/transfer-cast";

// Each test opens its own browser contexts (consoles keep syncing): close them so later tests do not share the load.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

/** A fresh team, site and agent, so that each test starts from an account that never signed in. */
async function freshAgent(stack: StackInfo, name: string): Promise<{ agent: TestAgent; siteId: string }> {
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, name.toLowerCase().replace(/[^a-z0-9]+/g, "-"));
    const agent = await createAgent(stack, db, { name, teams: [teamId] });
    return { agent, siteId };
  } finally {
    await end();
  }
}

/**
 * A visitor writes before the agent's second browser exists; the first browser reads it, and its
 * key reaches the server-side key backup (read with the first browser's own token).
 */
async function oldConversation(
  browser: Parameters<typeof agentSignsInFirstTime>[0],
  stack: StackInfo,
  first: Page,
  siteId: string,
  text: string,
): Promise<void> {
  const { chat } = await visitorOpensChat(browser, stack, siteId);
  await visitorSends(chat, text);
  await visitorConversation(first).click();
  await expect(first.locator("li.theirs", { hasText: text })).toContainText("· encrypted");
  const creds = await first.evaluate(() => JSON.parse(localStorage.getItem("sealdesk:console:matrix") ?? "{}") as { accessToken: string });
  await eventually(
    "the room key in the key backup",
    async () => {
      const headers = { authorization: `Bearer ${creds.accessToken}` };
      const version = (await (await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/version`, { headers })).json()) as { version?: string };
      if (!version.version) return undefined;
      const keys = (await (await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/keys?version=${version.version}`, { headers })).json()) as {
        rooms: Record<string, unknown>;
      };
      return Object.keys(keys.rooms).length > 0 ? true : undefined;
    },
    60_000,
  );
}

test("first sign-in sets up the secure backup and shows the recovery key once, with copy and download", async ({ browser }) => {
  const stack = stackInfo();
  const { agent } = await freshAgent(stack, "First Login");
  const page = await agentOpensConsole(browser, stack, agent);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.appUrl });
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible({ timeout: 60_000 });
  const recoveryKey = ((await page.getByLabel("Recovery key", { exact: true }).textContent()) ?? "").trim();
  // A Matrix recovery key: base58 in groups of four, 48 characters without spaces.
  expect(recoveryKey.replace(/ /g, "")).toMatch(/^E[1-9A-HJ-NP-Za-km-z]{47}$/);

  await page.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryKey);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  expect(await readFile((await download.path())!, "utf8")).toContain(recoveryKey);

  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  await page.getByLabel("I saved my recovery key somewhere safe").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();

  // Shown once: a reload of the same browser goes straight to the inbox.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(recoveryKey)).toHaveCount(0);

  const signInAgain = async (): Promise<void> => {
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Username").fill(agent.username);
    await page.getByLabel("Password").fill(agent.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/inbox$/);
  };
  const deviceId = () => page.evaluate(() => (JSON.parse(localStorage.getItem("sealdesk:console:matrix") ?? "{}") as { deviceId?: string }).deviceId);
  const before = await deviceId();
  // Sign out keeping the keys: the next sign-in continues the same verified device.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out, keep this browser's keys" }).click();
  await signInAgain();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  expect(await deviceId()).toBe(before);
  // Sign out wiping the keys: the device is gone, this browser must be verified again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out and wipe this browser's keys" }).click();
  await signInAgain();
  await expect(page.getByRole("heading", { name: "Verify this browser" })).toBeVisible({ timeout: 60_000 });
  expect(await deviceId()).not.toBe(before);
});

test("a second browser verified with the recovery key reads a conversation from before it existed", async ({ browser }) => {
  const stack = stackInfo();
  const { agent, siteId } = await freshAgent(stack, "Recovery Key");
  const { page: first, recoveryKey } = await agentSignsInFirstTime(browser, stack, agent);
  expect(recoveryKey).not.toBeNull();
  const old = `Old question ${Date.now()}`;
  await oldConversation(browser, stack, first, siteId, old);

  const second = await agentOpensConsole(browser, stack, agent);
  await expect(second.getByRole("heading", { name: "Verify this browser" })).toBeVisible({ timeout: 60_000 });
  // A wrong key is refused, and nothing is unlocked.
  await second.getByLabel("Recovery key", { exact: true }).fill("EsTc 5rr1 4Jhp Uc18 hwCn 2b9T LSvj 5h4T TkP8 bdeK JGTa");
  await second.getByRole("button", { name: "Verify with recovery key" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "That recovery key does not match this account." })).toBeVisible();
  await expect(second.getByRole("navigation", { name: "Conversations" })).toHaveCount(0);

  await second.getByLabel("Recovery key", { exact: true }).fill(recoveryKey!);
  await second.getByRole("button", { name: "Verify with recovery key" }).click();
  await expect(second.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await visitorConversation(second).click();
  await expect(second.locator("li.theirs", { hasText: old })).toContainText("· encrypted");
  await agentSends(second, "Answered from my second browser");
  await expect(first.locator("li.mine", { hasText: "Answered from my second browser" })).toContainText("· encrypted");
});

test("first sign-in with a passphrase instead of the recovery key; a second browser unlocks with it and reads earlier history", async ({ browser }) => {
  const stack = stackInfo();
  const { agent, siteId } = await freshAgent(stack, "Passphrase");
  const passphrase = "tulip barrow cloud 47 lantern";
  const first = await agentOpensConsole(browser, stack, agent);
  await expect(first.getByRole("heading", { name: "Save your recovery key" })).toBeVisible({ timeout: 60_000 });
  const shownKey = ((await first.getByLabel("Recovery key", { exact: true }).textContent()) ?? "").trim();
  await first.getByRole("button", { name: "Use a passphrase instead" }).click();
  // Too weak: a clear message, nothing changes.
  await first.getByLabel("Passphrase", { exact: true }).fill("short pass");
  await first.getByLabel("Passphrase again", { exact: true }).fill("short pass");
  await first.getByRole("button", { name: "Use this passphrase" }).click();
  await expect(first.getByRole("alert").filter({ hasText: "Use at least 14 characters" })).toBeVisible();
  await first.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await first.getByLabel("Passphrase again", { exact: true }).fill(passphrase);
  await first.getByRole("button", { name: "Use this passphrase" }).click();
  await expect(first.getByRole("heading", { name: "Your passphrase protects your backup" })).toBeVisible({ timeout: 60_000 });
  await first.getByRole("button", { name: "Continue" }).click();
  await expect(first.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  const old = `Question before the second browser ${Date.now()}`;
  await oldConversation(browser, stack, first, siteId, old);

  const second = await agentOpensConsole(browser, stack, agent);
  await expect(second.getByRole("heading", { name: "Verify this browser" })).toBeVisible({ timeout: 60_000 });
  // The recovery key shown before the switch no longer opens the storage; a wrong passphrase neither.
  await second.getByLabel("Recovery key", { exact: true }).fill(shownKey);
  await second.getByRole("button", { name: "Verify with recovery key" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "That recovery key does not match this account." })).toBeVisible();
  await second.getByLabel("Passphrase", { exact: true }).fill("tulip barrow cloud 48 lantern");
  await second.getByRole("button", { name: "Verify with passphrase" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "That passphrase does not match this account." })).toBeVisible({ timeout: 30_000 });
  await expect(second.getByRole("navigation", { name: "Conversations" })).toHaveCount(0);

  await second.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await second.getByRole("button", { name: "Verify with passphrase" }).click();
  await expect(second.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await visitorConversation(second).click();
  await expect(second.locator("li.theirs", { hasText: old })).toContainText("· encrypted");
});

test("a second browser verified by emoji with the first reads a conversation from before it existed", async ({ browser }) => {
  const stack = stackInfo();
  const { agent, siteId } = await freshAgent(stack, "Emoji Verify");
  const { page: first } = await agentSignsInFirstTime(browser, stack, agent);
  const old = `Earlier question ${Date.now()}`;
  await oldConversation(browser, stack, first, siteId, old);

  const second = await agentOpensConsole(browser, stack, agent);
  await expect(second.getByRole("heading", { name: "Verify this browser" })).toBeVisible({ timeout: 60_000 });
  await second.getByRole("button", { name: "Verify with another device" }).click();

  // The first browser is asked, and accepts.
  const dialog = first.getByRole("dialog", { name: "Verify your other browser" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Verify" }).click();

  // Both browsers show the same seven emoji, in the same order.
  const firstEmoji = dialog.getByRole("list", { name: "Emoji to compare" }).getByRole("listitem");
  const secondEmoji = second.getByRole("list", { name: "Emoji to compare" }).getByRole("listitem");
  await expect(firstEmoji).toHaveCount(7);
  await expect(secondEmoji).toHaveCount(7);
  const shown = (items: typeof firstEmoji) => items.evaluateAll((els) => els.map((e) => e.textContent));
  expect(await shown(secondEmoji)).toEqual(await shown(firstEmoji));

  await dialog.getByRole("button", { name: "Confirm" }).click();
  await second.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByText("Your other browser is verified")).toBeVisible();
  await expect(second.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await visitorConversation(second).click();
  await expect(second.locator("li.theirs", { hasText: old })).toContainText("· encrypted");
});
