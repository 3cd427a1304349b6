import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import * as schema from "@/drizzle/schema";
import { stackInfo } from "./stack-info";
import { visitorSends } from "./helpers";
import { testDb } from "./support/routing-fixtures";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor, widgetFrame, type WidgetChat } from "./support/widget-chat";

// Third-party storage blocking switched on explicitly, so these tests do not depend on the browser's defaults:
// a cross-site frame then gets "Access is denied" from localStorage, sessionStorage, IndexedDB and Web Locks.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-gpu",
      "--enable-features=TrackingProtection3pcd",
    ],
  },
});

const tag = (): string => randomBytes(4).toString("hex");
const PAGE_ONLY = "This chat lasts while this page is open.";
let site: WidgetChat;
// The demo page on 127.0.0.1 (its server listens there) while the app is on localhost: another site.
const crossSiteDemo = (): string => stackInfo().demoUrl.replace("//localhost:", "//127.0.0.1:");

test.beforeAll(async () => {
  const stack = stackInfo();
  site = await siteWithNodeAgent(stack, "crosssite");
  const { db, end } = testDb(stack);
  await db
    .update(schema.sites)
    .set({ allowedOrigins: [stack.demoUrl, crossSiteDemo()] })
    .where(eq(schema.sites.id, site.siteId));
  await end();
});
test.afterAll(async () => {
  await site.stop();
});

/** What the frame's storage gives it (those the widget leaves alone: IndexedDB, Web Locks): "denied" when the browser blocks it. */
async function frameStorage(page: Page): Promise<{ indexedDB: string; locks: string }> {
  return widgetFrame(page).evaluate(async () => {
    const attempt = async (f: () => Promise<unknown>): Promise<string> => {
      try {
        await f();
        return "ok";
      } catch {
        return "denied";
      }
    };
    return {
      indexedDB: await attempt(() => indexedDB.databases()),
      locks: await attempt(() => navigator.locks.request("sealdesk:probe", { ifAvailable: true }, () => true)),
    };
  });
}

async function openCrossSite(page: Page): Promise<ReturnType<Page["frameLocator"]>> {
  await page.goto(`${crossSiteDemo()}/?site=${site.siteId}`);
  await page.getByRole("button", { name: "Open support chat" }).click();
  const chat = page.frameLocator('iframe[title="Support chat"]');
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  return chat;
}

test("on a cross-site page whose browser blocks third-party storage, the visitor chats end to end while the page is open", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const chat = await openCrossSite(page);
  expect(await frameStorage(page)).toEqual({ indexedDB: "denied", locks: "denied" });
  // Told plainly, as a status, that nothing outlives the page.
  await expect(chat.getByRole("status").filter({ hasText: PAGE_ONLY })).toBeVisible({ timeout: 60_000 });
  await expect(chat.getByText("History is kept on this browser only.")).toHaveCount(0);

  const question = `Cross-site question ${tag()}`;
  await visitorSends(chat, question);
  await expect(chat.locator("li.mine", { hasText: question })).toHaveAttribute("data-state", /sent|seen/);
  const visitor = await storedVisitor(page, site.siteId); // the session in the page's memory
  const roomId = await agentJoins(site.agent, visitor.userId);
  // Encrypted by the widget's in-memory device, decrypted by the agent.
  expect(await site.agent.waitForMessage(roomId, question, 60_000)).toMatchObject({ sender: visitor.userId, encrypted: true });
  const answer = `Agent answer ${tag()}`;
  await site.agent.sendText(roomId, answer);
  await expect(chat.locator("li.theirs", { hasText: answer })).toBeVisible();
  const more = `And a follow-up ${tag()}`;
  await visitorSends(chat, more);
  expect(await site.agent.waitForMessage(roomId, more, 60_000)).toMatchObject({ sender: visitor.userId, encrypted: true });

  // A reload is a new page: a new visitor, the earlier chat gone from it, told the same again.
  await page.reload();
  const again = await openCrossSite(page);
  await expect(again.getByRole("status").filter({ hasText: PAGE_ONLY })).toBeVisible({ timeout: 60_000 });
  await expect(again.locator("li", { hasText: question })).toHaveCount(0);
  await expect.poll(async () => (await storedVisitor(page, site.siteId)).userId).toMatch(/^@visitor-/);
  expect((await storedVisitor(page, site.siteId)).userId).not.toBe(visitor.userId);
  await context.close();
});

test("with the same blocking on, a same-site embed keeps its storage: same visitor after a reload, no page-only note", async ({ browser }) => {
  const stack = stackInfo();
  const context = await browser.newContext();
  const { page, chat } = await openChat(context, stack, site.siteId);
  expect(await frameStorage(page)).toEqual({ indexedDB: "ok", locks: "ok" });
  await expect(chat.getByTestId("history-note")).toHaveText("History is kept on this browser only.");
  const question = `Same-site question ${tag()}`;
  await visitorSends(chat, question);
  await expect(chat.locator("li.mine", { hasText: question })).toHaveAttribute("data-state", /sent|seen/);
  const before = await storedVisitor(page, site.siteId);
  await page.reload();
  await page.getByRole("button", { name: "Open support chat" }).click();
  await expect(chat.locator("li.mine", { hasText: question })).toBeVisible({ timeout: 60_000 });
  expect((await storedVisitor(page, site.siteId)).userId).toBe(before.userId);
  await expect(chat.getByText(PAGE_ONLY)).toHaveCount(0);
  await context.close();
});
