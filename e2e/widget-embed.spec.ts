import { expect, test } from "@playwright/test";
import { stackInfo } from "./stack-info";

test("the loader draws only the bubble and requests nothing else until the visitor clicks", async ({ browser }) => {
  const stack = stackInfo();
  const page = await (await browser.newContext()).newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${stack.demoUrl}/`);
  const bubble = page.getByRole("button", { name: "Open support chat" });
  await expect(bubble).toBeVisible();
  await bubble.hover();
  await page.waitForLoadState("networkidle");
  expect(requests).toEqual([`${stack.demoUrl}/`, `${stack.appUrl}/widget.js`]);
  // Fixed in the corner: drawing it moves nothing on the page.
  expect(await bubble.evaluate((b) => getComputedStyle(b).position)).toBe("fixed");
  await bubble.click();
  await expect.poll(() => requests.some((u) => u.startsWith(`${stack.appUrl}/widget/frame?site=demo`))).toBe(true);
  await page.context().close();
});

test("the unread badge follows the frame's messages and ignores anyone else's", async ({ browser }) => {
  const stack = stackInfo();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stack.demoUrl}/`);
  await page.getByRole("button", { name: "Open support chat" }).click();
  const chat = page.frameLocator('iframe[title="Support chat"]');
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeVisible({ timeout: 60_000 });
  await chat.getByRole("button", { name: "Minimise chat" }).click();
  const frame = page.frames().find((f) => f.url().startsWith(`${stack.appUrl}/widget/frame`))!;

  // The host page itself (or any script on it) cannot forge the frame's messages.
  await page.evaluate(() => window.postMessage({ type: "sealdesk:unread", count: 7 }, "*"));
  // Nor can the frame send something outside the protocol.
  await frame.evaluate((host) => window.parent.postMessage({ type: "sealdesk:unread", count: "5" }, host), stack.demoUrl);
  await page.waitForTimeout(300);
  await expect(page.getByRole("button", { name: "Open support chat", exact: true })).toBeVisible();

  await frame.evaluate((host) => window.parent.postMessage({ type: "sealdesk:unread", count: 3 }, host), stack.demoUrl);
  await expect(page.getByRole("button", { name: "Open support chat, 3 unread messages" })).toBeVisible();
  await page.getByRole("button", { name: /Open support chat/ }).click();
  await expect(page.getByRole("button", { name: "Close support chat", exact: true })).toBeVisible();
  await page.context().close();
});

test("data-color and data-lang reach the bubble and the frame", async ({ browser }) => {
  const stack = stackInfo();
  const page = await (await browser.newContext()).newPage();
  // The demo host adds data-color and data-lang to its one-tag embed.
  await page.goto(`${stack.demoUrl}/?color=${encodeURIComponent("#aa3300")}&lang=fr`);
  const bubble = page.getByRole("button", { name: "Open support chat" });
  await expect(bubble).toHaveCSS("background-color", "rgb(170, 51, 0)");
  await bubble.click();
  const frame = page.frameLocator('iframe[title="Support chat"]');
  await expect(frame.locator("header")).toHaveCSS("background-color", "rgb(170, 51, 0)");
  expect(await page.locator('iframe[title="Support chat"]').getAttribute("src")).toBe(`${stack.appUrl}/widget/frame?site=demo&lang=fr&color=%23aa3300`);
  await page.context().close();
});
