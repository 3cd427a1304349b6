import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { visitorSends } from "./helpers";
import { stackInfo } from "./stack-info";
import { openChat } from "./support/widget-chat";

test("the widget is keyboard operable: focus goes to the composer, Escape returns it to the bubble", async ({ browser }) => {
  const stack = stackInfo();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.demoUrl}/?site=demo`);
  const bubble = page.getByRole("button", { name: "Open support chat" });
  await page.keyboard.press("Tab");
  await expect(bubble).toBeFocused();
  await page.keyboard.press("Enter");
  const chat = page.frameLocator('iframe[title="Support chat"]');
  const composer = chat.getByRole("textbox", { name: "Message" });
  await expect(composer).toBeEnabled({ timeout: 60_000 });
  await expect(composer).toBeFocused();
  await page.keyboard.type("Typed with the keyboard only");
  await page.keyboard.press("Enter");
  await expect(chat.locator("li.mine", { hasText: "Typed with the keyboard only" })).toHaveAttribute("data-state", /sent|seen/);
  // New messages are announced politely.
  await expect(chat.getByRole("list", { name: "Messages" })).toHaveAttribute("aria-live", "polite");
  await page.keyboard.press("Escape");
  await expect(page.locator('iframe[title="Support chat"]')).toBeHidden();
  await expect(bubble).toBeFocused();
  await context.close();
});

test("axe finds no serious or critical accessibility violation in the open widget", async ({ browser }) => {
  const stack = stackInfo();
  const context = await browser.newContext();
  const { page, chat } = await openChat(context, stack, "demo");
  await visitorSends(chat, "Checking accessibility");
  await expect(chat.locator("li.mine")).toHaveAttribute("data-state", /sent|seen/);
  const results = await new AxeBuilder({ page }).include('iframe[title="Support chat"]').analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await context.close();
});

test("the widget speaks French when the embed says data-lang=fr, or the page is in French; German on a German page; English otherwise", async ({ browser }) => {
  const stack = stackInfo();
  for (const opts of [{ embed: 'data-lang="fr"' }, { pageLang: "fr-FR" }]) {
    const context = await browser.newContext({ locale: "en-US" });
    const { chat } = await openChat(context, stack, "demo", { ...opts, expectComposer: false });
    const composer = chat.getByRole("textbox", { name: "Message" });
    await expect(composer).toBeEnabled({ timeout: 60_000 });
    await expect(composer).toHaveAttribute("placeholder", "Écrivez un message…");
    await expect(chat.getByRole("button", { name: "Envoyer" })).toBeVisible();
    await expect(chat.getByText("Posez-nous vos questions. Les messages sont chiffrés de bout en bout.")).toBeVisible();
    await expect(chat.locator("html")).toHaveAttribute("lang", "fr");
    await context.close();
  }
  // A German page gets German; a page in a language we have no strings for gets English.
  for (const [pageLang, send, message] of [
    ["de", "Senden", "Nachricht"],
    ["it", "Send", "Message"],
  ] as const) {
    const context = await browser.newContext({ locale: "en-US" });
    const { chat } = await openChat(context, stack, "demo", { pageLang, expectComposer: false });
    await expect(chat.getByRole("textbox", { name: message })).toBeEnabled({ timeout: 60_000 });
    await expect(chat.getByRole("button", { name: send, exact: true })).toBeVisible();
    await context.close();
  }
});
