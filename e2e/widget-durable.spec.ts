import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { stackInfo } from "./stack-info";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor, type WidgetChat } from "./support/widget-chat";
import { visitorSends } from "./helpers";

const tag = (): string => randomBytes(4).toString("hex");
let site: WidgetChat;

test.beforeAll(async () => {
  site = await siteWithNodeAgent(stackInfo(), "durable");
});
test.afterAll(async () => {
  await site.stop();
});

test("after a reload and a later return the visitor has the same account and conversation, history decrypted", async ({ browser }) => {
  const stack = stackInfo();
  const context = await browser.newContext();
  const { page, chat } = await openChat(context, stack, site.siteId);
  const question = `Before the reload ${tag()}`;
  const answer = `Agent answer ${tag()}`;
  await visitorSends(chat, question);
  await expect(chat.locator("li.mine", { hasText: question })).toHaveAttribute("data-state", /sent|seen/);
  const before = await storedVisitor(page, site.siteId);
  expect(before.roomId).toBeTruthy();
  const roomId = await agentJoins(site.agent, before.userId);
  await site.agent.waitForMessage(roomId, question);
  await site.agent.sendText(roomId, answer);
  await expect(chat.locator("li.theirs", { hasText: answer })).toBeVisible();

  // Reload: same account, same room, both sides of the history decrypted from the stored keys.
  await page.reload();
  await page.getByRole("button", { name: "Open support chat" }).click();
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await expect(chat.locator("li.mine", { hasText: question })).toBeVisible();
  await expect(chat.locator("li.theirs", { hasText: answer })).toHaveAttribute("data-state", "sent");
  expect(await storedVisitor(page, site.siteId)).toEqual(before);

  // Return later: the tab was closed; a new visit in the same browser picks the conversation up.
  await page.close();
  const again = await openChat(context, stack, site.siteId);
  await expect(again.chat.locator("li.mine", { hasText: question })).toBeVisible();
  await expect(again.chat.locator("li.theirs", { hasText: answer })).toHaveAttribute("data-state", "sent");
  await expect(again.chat.getByText("You're chatting with durable Agent.")).toBeVisible();
  const later = `After coming back ${tag()}`;
  await visitorSends(again.chat, later);
  expect(await site.agent.waitForMessage(roomId, later)).toMatchObject({ sender: before.userId, encrypted: true });
  await context.close();
});

test("one tab runs the chat: the others say so, take over on request, or when the first tab closes", async ({ browser }) => {
  const stack = stackInfo();
  const context = await browser.newContext();
  const first = await openChat(context, stack, site.siteId);
  const hello = `From the first tab ${tag()}`;
  await visitorSends(first.chat, hello);
  const roomId = await agentJoins(site.agent, (await storedVisitor(first.page, site.siteId)).userId);
  await site.agent.waitForMessage(roomId, hello);

  const second = await openChat(context, stack, site.siteId, { expectComposer: false });
  await expect(second.chat.getByText("This chat is open in another tab.")).toBeVisible({ timeout: 30_000 });
  await expect(second.chat.getByRole("textbox", { name: "Message" })).toBeHidden();

  // The first tab closes: the second takes over by itself, with the history.
  await first.page.close();
  await expect(second.chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await expect(second.chat.locator("li.mine", { hasText: hello })).toBeVisible();

  // A third tab takes over on request; the second stops and says so.
  const third = await openChat(context, stack, site.siteId, { expectComposer: false });
  await expect(third.chat.getByText("This chat is open in another tab.")).toBeVisible({ timeout: 30_000 });
  await third.chat.getByRole("button", { name: "Use the chat here" }).click();
  await expect(third.chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await expect(second.chat.getByText("This chat is open in another tab.")).toBeVisible();
  await expect(second.chat.getByRole("textbox", { name: "Message" })).toBeHidden();
  const fromThird = `From the third tab ${tag()}`;
  await visitorSends(third.chat, fromThird);
  await site.agent.waitForMessage(roomId, fromThird);

  // And back: the second tab takes over again (it reloads into the running state).
  await second.chat.getByRole("button", { name: "Use the chat here" }).click();
  await expect(second.chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await expect(second.chat.locator("li.mine", { hasText: fromThird })).toBeVisible();
  await expect(third.chat.getByText("This chat is open in another tab.")).toBeVisible();
  await context.close();
});

test("a browser that lost half of the visitor's storage gets a clean new visitor, not a broken one", async ({ browser }) => {
  const stack = stackInfo();
  for (const lost of ["crypto store", "session"] as const) {
    const context = await browser.newContext();
    const { page, chat } = await openChat(context, stack, site.siteId);
    await visitorSends(chat, `Before losing the ${lost} ${tag()}`);
    await expect(chat.locator("li.mine")).toHaveAttribute("data-state", /sent|seen/);
    const old = await storedVisitor(page, site.siteId);
    expect(old.roomId).toBeTruthy();

    // Runs in the chat frame before the widget's own script on the next load.
    await context.addInitScript(
      ([what, siteId]) => {
        if (!location.pathname.startsWith("/widget/frame")) return;
        if (what === "session") localStorage.removeItem(`sealdesk:visitor:${siteId}`);
        else void indexedDB.databases().then((dbs) => dbs.forEach((d) => d.name && indexedDB.deleteDatabase(d.name)));
      },
      [lost, site.siteId] as const,
    );
    await page.close();
    const fresh = await openChat(context, stack, site.siteId);
    await expect(fresh.chat.getByText("Ask us anything. Messages are end-to-end encrypted.")).toBeVisible();
    await expect(fresh.chat.locator("li")).toHaveCount(0);
    const now = await storedVisitor(fresh.page, site.siteId);
    expect(now.userId).not.toBe(old.userId);
    const text = `A fresh start after losing the ${lost} ${tag()}`;
    await visitorSends(fresh.chat, text);
    await expect(fresh.chat.locator("li.mine", { hasText: text })).toHaveAttribute("data-state", /sent|seen/);
    const roomId = await agentJoins(site.agent, now.userId);
    await site.agent.waitForMessage(roomId, text);
    await context.close();
  }
});
