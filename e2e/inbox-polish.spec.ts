import { expect, test, type Locator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { generatedVisitorName } from "../lib/console-state/visitor-name";
import { agentSends, agentSignsIn, visitorSends } from "./helpers";
import { stackInfo } from "./stack-info";
import { createAgent, createTeamSite, agentOnOwnSite, testDb } from "./support/routing-fixtures";
import { openChat, storedVisitor } from "./support/widget-chat";

// Each test opens its own browser contexts (consoles keep syncing): close them so later tests do not share the load.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

const rowOf = (page: Page, name: string): Locator =>
  page.getByRole("navigation", { name: "Conversations" }).locator("button.conversation-row", { has: page.locator(".row-name", { hasText: name }) });
const rowNames = (page: Page) => page.getByRole("navigation", { name: "Conversations" }).locator(".conversation-row .row-name").allTextContents();
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test("the list shows names, decrypted previews, times, whose turn and unread counts that clear on opening, newest first; shortcuts and their help", async ({
  browser,
}) => {
  const { stack, siteId, page } = await agentOnOwnSite(browser, "polish", "Polished Agent");
  await page.setViewportSize({ width: 1280, height: 760 });
  const nav = page.getByRole("navigation", { name: "Conversations" });
  await expect(nav.getByText("No open conversations yet.")).toBeVisible();

  // Ada fills in the pre-chat form; the second visitor gives no name.
  const ada = await openChat(await browser.newContext(), stack, siteId, { embed: "data-prechat", expectComposer: false });
  await ada.chat.getByLabel("Your name").fill("Ada Lovelace");
  await ada.chat.getByLabel("Your email").fill("ada@example.org");
  await ada.chat.getByRole("button", { name: "Start chat" }).click();
  await visitorSends(ada.chat, "I need help with my order\nIt is order 1234.");
  const adaRow = rowOf(page, "Ada Lovelace");
  await expect(adaRow.locator(".row-preview")).toHaveText("I need help with my order", { timeout: 60_000 });

  const other = await openChat(await browser.newContext(), stack, siteId);
  await visitorSends(other.chat, "Hello, is anyone there?");
  const { userId: otherUserId } = await storedVisitor(other.page, siteId);
  const otherName = generatedVisitorName(otherUserId);
  const otherRow = rowOf(page, otherName);
  await expect(otherRow.locator(".row-preview")).toHaveText("Hello, is anyone there?", { timeout: 60_000 });

  // Both wait for us; relative time; "Visitor" still names the row; newest first.
  for (const row of [adaRow, otherRow]) {
    await expect(row).toContainText("Waiting for us");
    await expect(row.locator("time")).toHaveText(/^(now|\d+ min\. ago)$/);
    await expect(row).toContainText(`Visitor · ${siteId}`);
  }
  expect(await rowNames(page)).toEqual([otherName, "Ada Lovelace"]);
  // Only the rows in view are in the DOM of a long list: each tells a screen reader its place in the whole list.
  const items = nav.getByRole("listitem");
  await expect(items).toHaveCount(2);
  for (const [i, item] of [items.first(), items.nth(1)].entries()) {
    await expect(item).toHaveAttribute("aria-posinset", String(i + 1));
    await expect(item).toHaveAttribute("aria-setsize", "2");
  }
  // Messages after the agent joined are unread: bold with a count; a new message moves its row to the top.
  await visitorSends(ada.chat, "Are you there?");
  await expect(adaRow.locator(".row-preview")).toHaveText("Are you there?");
  await expect.poll(() => rowNames(page)).toEqual(["Ada Lovelace", otherName]);
  await visitorSends(other.chat, "Hello again?");
  await expect(otherRow.locator(".row-preview")).toHaveText("Hello again?");
  await expect.poll(() => rowNames(page)).toEqual([otherName, "Ada Lovelace"]);
  for (const row of [adaRow, otherRow]) {
    await expect(row).toHaveClass(/unread/);
    await expect(row.locator(".badge")).toHaveText(/^[1-9]\d*$/);
    await expect(row.locator(".badge")).toHaveAttribute("aria-label", /^[1-9]\d* unread$/);
  }

  // Opening clears the count (a read receipt): it stays cleared after moving on.
  await adaRow.click();
  await expect(page.getByRole("region", { name: "Visitor context" }).getByTestId("context-name")).toHaveText("Ada Lovelace");
  await expect(page.getByRole("region", { name: "Visitor context" }).getByTestId("context-email")).toHaveText("ada@example.org");
  await agentSends(page, "Happy to help: which order?");
  await expect(adaRow.locator(".row-preview")).toHaveText("You: Happy to help: which order?");
  await expect(adaRow).toContainText("Waiting for visitor");
  await expect(ada.chat.locator("li.theirs", { hasText: "which order?" })).toBeVisible();

  // Screenshots for the docs: the list with previews and the open conversation's context panel.
  await blur(page);
  await page.screenshot({ path: "docs/images/inbox.png" });
  await page.getByRole("region", { name: "Visitor context" }).screenshot({ path: "docs/images/visitor-context.png" });

  // j / k and Alt+↓ move between conversations, not while typing.
  await page.keyboard.press("j");
  await expect(otherRow).toHaveAttribute("aria-current", "true");
  await expect(adaRow).not.toHaveClass(/unread/);
  await expect(adaRow.locator(".badge")).toHaveCount(0);
  await page.keyboard.press("k");
  await expect(adaRow).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Alt+ArrowDown");
  await expect(otherRow).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("r");
  const reply = page.getByRole("textbox", { name: "Reply", exact: true });
  await expect(reply).toBeFocused();
  await page.keyboard.type("jk?");
  await expect(reply).toHaveValue("jk?");
  await expect(otherRow).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // "?" opens the help dialog (focus inside), Esc closes it and focus comes back.
  await reply.fill("");
  await blur(page);
  await page.keyboard.press("Shift+?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  await expect(help.getByRole("row", { name: /Next conversation/ })).toContainText("j");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await page.getByRole("button", { name: /Keyboard shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("button", { name: /Keyboard shortcuts/ })).toBeFocused();

  // Shift+E closes the open conversation (the same action as the button).
  await blur(page);
  await page.keyboard.press("Shift+E");
  await expect(page.getByText("This conversation is closed.")).toBeVisible();
  await expect(otherRow).toHaveCount(0);
});

test("operators edit and delete canned responses (bad input refused); agents insert them with '/' from a filtered, keyboard-driven list", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  const { siteId, teamId } = await createTeamSite(stack, db, "slash");
  const lead = await createAgent(stack, db, { name: "Slash Lead", teams: [teamId] });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, lead.userId));
  const plain = await createAgent(stack, db, { name: "Slash Agent", teams: [teamId], availability: "away" });
  const [, refunds, old] = await db
    .insert(schema.cannedResponses)
    .values([
      { teamId, title: "Opening hours", body: "We are open 9 to 5." },
      { teamId, title: "Refund policy", body: "Refunds within 30 days." },
      { teamId, title: "Old greeting", body: "Howdy!" },
    ])
    .returning();
  // The operator sees every team's responses: name this team uniquely to find its rows.
  await db.update(schema.teams).set({ name: teamId }).where(eq(schema.teams.id, teamId));
  const canned = async (id: number) => (await db.select().from(schema.cannedResponses).where(eq(schema.cannedResponses.id, id)))[0];

  const page = await agentSignsIn(browser, stack, lead);
  await page.goto(`${stack.appUrl}/operator/agents`);
  const section = page.getByRole("region", { name: "Canned responses" });
  const ours = (title: string) => section.getByRole("row").filter({ hasText: teamId }).filter({ hasText: title });
  await ours("Opening hours").getByRole("button", { name: "Edit Opening hours" }).click();
  // In edit mode the title is an input's value, not the row's text: find the (only) edit form.
  const edit = section.getByRole("form", { name: "Edit Opening hours" });
  await edit.getByLabel("Text").fill("We are open 8 to 6, Monday to Saturday.");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved “Opening hours”.");
  await expect(ours("Opening hours")).toContainText("8 to 6");
  await ours("Old greeting").getByRole("button", { name: "Delete Old greeting" }).click();
  await ours("Old greeting").getByRole("button", { name: "Yes, delete" }).click();
  await expect(section.getByRole("status")).toHaveText("Deleted “Old greeting”.");
  await expect(ours("Old greeting")).toHaveCount(0);
  expect(await canned(old!.id)).toBeUndefined();

  // Bad input is a clear 4xx and changes nothing; agents cannot edit.
  const post = (p: Page, path: string, data: unknown) => p.request.post(`${stack.appUrl}/api/operator/canned/${path}`, { data });
  const blank = await post(page, "update", { id: refunds!.id, title: "  ", body: "x" });
  expect(blank.status()).toBe(400);
  expect(((await blank.json()) as { error: string }).error).toBeTruthy();
  expect((await post(page, "update", { id: 999_999, title: "T", body: "x" })).status()).toBe(404);
  expect((await post(page, "delete", { id: 999_999 })).status()).toBe(404);
  expect((await post(page, "delete", { id: "1" })).status()).toBe(400);
  const agentPage = await agentSignsIn(browser, stack, plain);
  expect((await post(agentPage, "update", { id: refunds!.id, title: "Hacked", body: "x" })).status()).toBe(403);
  expect((await post(agentPage, "delete", { id: refunds!.id })).status()).toBe(403);
  expect(await canned(refunds!.id)).toMatchObject({ title: "Refund policy", body: "Refunds within 30 days." });
  await end();

  // "/" in the composer: a listbox filtered as the agent types, ↓ and Enter insert.
  await page.goto(`${stack.appUrl}/inbox`);
  const visitor = await openChat(await browser.newContext(), stack, siteId);
  await visitorSends(visitor.chat, "When are you open?");
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click({ timeout: 60_000 });
  const reply = page.getByRole("textbox", { name: "Reply", exact: true });
  await reply.click();
  await page.keyboard.type("/");
  const list = page.getByRole("listbox", { name: "Canned responses" });
  await expect(list.getByRole("option")).toHaveText([/^Opening hours/, /^Refund policy/]);
  await expect(reply).toHaveAttribute("aria-controls", "canned-slash-list");
  await page.keyboard.type("ref");
  await expect(list.getByRole("option")).toHaveText([/^Refund policy/]);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("hours");
  await expect(list.getByRole("option")).toHaveText([/^Opening hours/]);
  await expect(list.getByRole("option", { selected: true })).toHaveText(/Opening hours/);
  await page.keyboard.press("Enter");
  await expect(list).toHaveCount(0);
  await expect(reply).toHaveValue("We are open 8 to 6, Monday to Saturday.");
  await expect(reply).toBeFocused();
  // Escape closes the list without inserting; text without a "/" search is sent as typed.
  await reply.fill("");
  await page.keyboard.type("Thanks! /nothing like it");
  await expect(list.getByText("No canned response matches")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(list).toHaveCount(0);
  await reply.fill("");
  await page.keyboard.type("See you /ref");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await expect(reply).toHaveValue("See you Refunds within 30 days.");
  await page.keyboard.press("Enter");
  await expect(visitor.chat.locator("li.theirs", { hasText: "See you Refunds within 30 days." })).toBeVisible();
});
