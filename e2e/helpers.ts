import { expect, type Browser, type FrameLocator, type Page } from "@playwright/test";
import type { StackInfo } from "./stack-info";

/** With E2E_VERBOSE, shows the page's console warnings and errors in the test output. */
function relayConsole(page: Page, who: string): void {
  if (!process.env.E2E_VERBOSE) return;
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning" || /bundle|history/i.test(m.text())) console.log(`[${who} ${m.type()}] ${m.text().slice(0, 500)}`);
  });
  page.on("pageerror", (e) => console.log(`[${who} pageerror] ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400)
      void r.text().then(
        (t) => console.log(`[${who} HTTP ${r.status()}] ${r.request().method()} ${r.url()} ${t.slice(0, 300)}`),
        () => {},
      );
  });
}

/** Signs the agent in to the console and waits until their encrypted inbox is ready. */
export async function agentSignsIn(browser: Browser, stack: StackInfo, who: { username: string; password: string } = stack.agent): Promise<Page> {
  return (await agentSignsInFirstTime(browser, stack, who)).page;
}

/**
 * Signs the agent in; on the account's first sign-in the console sets up the
 * secure backup and shows the recovery key once: this saves it (as an agent
 * would) and returns it. Then waits until the encrypted inbox is ready.
 */
export async function agentSignsInFirstTime(
  browser: Browser,
  stack: StackInfo,
  who: { username: string; password: string } = stack.agent,
): Promise<{ page: Page; recoveryKey: string | null }> {
  const page = await agentOpensConsole(browser, stack, who);
  const inbox = page.getByRole("navigation", { name: "Conversations" });
  const keyTitle = page.getByRole("heading", { name: "Save your recovery key" });
  await expect(inbox.or(keyTitle)).toBeVisible({ timeout: 60_000 });
  let recoveryKey: string | null = null;
  if (await keyTitle.isVisible()) {
    recoveryKey = (await page.getByLabel("Recovery key", { exact: true }).textContent())?.trim() ?? null;
    await page.getByLabel("I saved my recovery key somewhere safe").check();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(inbox).toBeVisible({ timeout: 60_000 });
  return { page, recoveryKey };
}

/** Opens the console in a new browser context and signs in; does not wait for the inbox. */
export async function agentOpensConsole(browser: Browser, stack: StackInfo, who: { username: string; password: string }): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  relayConsole(page, "agent");
  await page.goto(`${stack.appUrl}/login`);
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  return page;
}

/** Opens the demo customer page in its own browser context and the chat widget on it (`embed`: more snippet attributes, e.g. org_key). */
export async function visitorOpensChat(
  browser: Browser,
  stack: StackInfo,
  siteId = "demo",
  embed: Record<string, string> = {},
): Promise<{ page: Page; chat: FrameLocator }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  relayConsole(page, "visitor");
  await page.goto(`${stack.demoUrl}/?${new URLSearchParams({ site: siteId, ...embed })}`);
  await page.getByRole("button", { name: "Open support chat" }).click();
  const chat = page.frameLocator('iframe[title="Support chat"]');
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  return { page, chat };
}

/** Sends a message from the widget. */
export async function visitorSends(chat: FrameLocator, text: string): Promise<void> {
  await chat.getByRole("textbox", { name: "Message" }).fill(text);
  await chat.getByRole("textbox", { name: "Message" }).press("Enter");
}

/** Sends a reply from the console's open conversation. */
export async function agentSends(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Reply", exact: true }).fill(text);
  await page.getByRole("textbox", { name: "Reply", exact: true }).press("Enter");
}
