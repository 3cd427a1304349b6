import { randomBytes } from "node:crypto";
import { expect, test, type Download, type FrameLocator, type Locator } from "@playwright/test";
import { visitorSends } from "./helpers";
import { agentOnOwnSite } from "./support/routing-fixtures";

// Consoles keep syncing: close every context so later tests do not share the load.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

// A 1x1 PNG; bytes after IEND keep it decodable and make each copy unique.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** The bytes behind a blob: URL held by an element's attribute, read in its page (base64). */
function blobBytes(locator: Locator, attribute: "src"): Promise<string> {
  return locator.evaluate(async (el, attr) => {
    const res = await fetch(el.getAttribute(attr) ?? "");
    let s = "";
    for (const b of new Uint8Array(await res.arrayBuffer())) s += String.fromCharCode(b);
    return btoa(s);
  }, attribute);
}

/** The bytes of a browser download. */
async function downloaded(event: Promise<Download>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await (await event).createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** HH:MM at `at` in `timeZone`, 24-hour clock. */
const hhmm = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);

test("the console shows the visitor's context and local time, previews their encrypted image, and sends an encrypted file they can download", async ({
  browser,
}) => {
  const { stack, siteId, page } = await agentOnOwnSite(browser, "attach", "Attach Agent");

  // The visitor's browser is in Kolkata (UTC+5:30 all year, whatever the machine's zone).
  const visitorContext = await browser.newContext({ timezoneId: "Asia/Kolkata" });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${stack.demoUrl}/?${new URLSearchParams({ site: siteId })}`);
  await visitor.getByRole("button", { name: "Open support chat" }).click();
  const chat: FrameLocator = visitor.frameLocator('iframe[title="Support chat"]');
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await visitorSends(chat, "Here is a screenshot");
  const image = Buffer.concat([PNG, randomBytes(2048)]);
  await chat.locator("input[type=file]").setInputFiles({ name: "screenshot.png", mimeType: "image/png", buffer: image });
  await expect(chat.locator("li.mine .attachment img")).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Conversations" });
  await nav
    .getByRole("button", { name: /Visitor/ })
    .first()
    .click({ timeout: 60_000 });
  await expect(page.locator("li.theirs", { hasText: "Here is a screenshot" })).toBeVisible({ timeout: 60_000 });

  // Context: site, page (a plain http(s) link), the widget's language, and the visitor's local time.
  const panel = page.getByRole("region", { name: "Visitor context" });
  await expect(panel.getByTestId("context-site")).toHaveText(siteId);
  await expect(panel.getByRole("link", { name: visitor.url() })).toHaveAttribute("href", visitor.url());
  const widgetLang = await chat.locator("html").getAttribute("lang");
  expect(widgetLang).toBeTruthy();
  await expect(panel.getByTestId("context-language")).toHaveText(widgetLang!);
  const shown = (await panel.getByTestId("context-time").textContent()) ?? "";
  // Chromium reports the zone under its older IANA alias, Asia/Calcutta: the same zone.
  expect(shown).toMatch(/^\d\d:\d\d \(UTC\+5:30\) · Asia\/(Kolkata|Calcutta)$/);
  const now = Date.now();
  expect([hhmm(new Date(now - 60_000), "Asia/Kolkata"), hhmm(new Date(now), "Asia/Kolkata")]).toContain(shown.slice(0, 5));

  // The visitor's image: a preview decrypted in the console, the very bytes the visitor chose.
  const preview = page.getByRole("img", { name: "screenshot.png" });
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(preview).toHaveAttribute("src", /^blob:/);
  expect(Buffer.from(await blobBytes(preview, "src"), "base64").equals(image)).toBe(true);

  // Over the limit: a clear error, nothing sent.
  const attach = page.getByRole("button", { name: "Attach a file" });
  const tooBig = page.waitForEvent("filechooser");
  await attach.click();
  await (await tooBig).setFiles({ name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await expect(page.getByRole("alert").filter({ hasText: "huge.bin is too large: the limit is 10 MB." })).toBeVisible();

  // The agent attaches a file from the keyboard: the widget shows it and the visitor downloads the same bytes.
  const invoice = randomBytes(4096);
  const chooser = page.waitForEvent("filechooser");
  await attach.focus();
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({ name: "invoice.bin", mimeType: "application/octet-stream", buffer: invoice });
  await expect(page.locator("li.mine").getByRole("button", { name: /Download invoice\.bin/ })).toBeVisible({ timeout: 60_000 });
  const link = chat.locator("li.theirs .attachment a.file");
  await expect(link).toContainText("invoice.bin", { timeout: 60_000 });
  await expect(link).toHaveAttribute("href", /^blob:/, { timeout: 30_000 });
  // The frame's CSP allows no fetch of blob: URLs: the visitor downloads it as a user would.
  const visitorDownload = visitor.waitForEvent("download");
  await link.click();
  expect((await downloaded(visitorDownload)).equals(invoice)).toBe(true);
  // The console's own download button decrypts the same bytes.
  const download = page.waitForEvent("download");
  await page
    .locator("li.mine")
    .getByRole("button", { name: /Download invoice\.bin/ })
    .click();
  expect((await downloaded(download)).equals(invoice)).toBe(true);
});
