import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentSignsIn } from "./helpers";
import { stackInfo } from "./stack-info";
import { createAgent, testDb } from "./support/routing-fixtures";

const json = (body: unknown) => ({ headers: { "content-type": "application/json" }, data: Buffer.from(JSON.stringify(body)) });

test("only operators manage sites: 401 without a session, 403 for an agent", async ({ request, browser }) => {
  const stack = stackInfo();
  expect((await request.get(`${stack.appUrl}/api/operator/sites`)).status()).toBe(401);
  expect((await request.post(`${stack.appUrl}/api/operator/sites`, json({ id: "x" }))).status()).toBe(401);
  expect((await request.patch(`${stack.appUrl}/api/operator/sites`, json({ id: "demo", name: "Mine" }))).status()).toBe(401);

  const { db, end } = testDb(stack);
  const agent = await createAgent(stack, db, { name: "Plain Agent", teams: [] });
  await end();
  const page = await agentSignsIn(browser, stack, agent);
  for (const res of [
    await page.request.get(`${stack.appUrl}/api/operator/sites`),
    await page.request.post(
      `${stack.appUrl}/api/operator/sites`,
      json({ id: "agent-site", name: "Agent's", allowedOrigins: [], colour: "#000000", greeting: "", language: "en", visitorsPerHour: null, teamId: null }),
    ),
    await page.request.patch(`${stack.appUrl}/api/operator/sites`, json({ id: "demo", allowedOrigins: ["https://evil.example"] })),
  ]) {
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatch(/Only operators/);
  }
  const frame = await request.get(`${stack.appUrl}/widget/frame?site=demo`);
  expect(frame.headers()["content-security-policy"]).toContain(`frame-ancestors ${stack.demoUrl}`);
  await page.context().close();
});

test("an operator registers a site in the console, gets its snippet, and the chat frame follows its settings", async ({ browser, request }) => {
  const stack = stackInfo();
  // A fresh operator: this browser is their first device (a second one would need verifying).
  const { db, end } = testDb(stack);
  const operator = await createAgent(stack, db, { name: "Site Operator", teams: [] });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operator.userId));
  await end();
  const page = await agentSignsIn(browser, stack, operator);
  await page.getByRole("link", { name: "Sites" }).click();
  await expect(page.getByRole("heading", { name: "Sites" })).toBeVisible();
  const id = `shop-${randomBytes(3).toString("hex")}`;
  await page.getByRole("button", { name: "Add a site" }).click();
  const form = page.getByRole("form", { name: "New site" });
  // Role and a name anchored at its start: the Team label also holds every team's name.
  const field = (name: string) => form.getByRole("textbox", { name: new RegExp(`^${name}`) });
  await field("Id").fill(id);
  await field("Name").fill("Bike <Shop>");
  await field("Allowed origins").fill(`https://bikes.example ${stack.demoUrl}`);
  await field("Greeting").fill("Hi! Ask us about <b>bikes</b>.");
  await field("Language").fill("fr");
  await form.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("row", { name: new RegExp(id) });
  await expect(row).toContainText(`<script src="${stack.appUrl}/widget.js" data-site="${id}" async></script>`);
  await expect(row).toContainText("https://bikes.example");

  // Bad input: a clear message, nothing saved.
  const bad = await page.request.post(
    `${stack.appUrl}/api/operator/sites`,
    json({
      id: "bad",
      name: "Bad",
      allowedOrigins: ["https://bikes.example/path"],
      colour: "red",
      greeting: "",
      language: "en",
      visitorsPerHour: null,
      teamId: null,
    }),
  );
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/allowedOrigins.*scheme:\/\/host|colour/);
  const dup = await page.request.post(
    `${stack.appUrl}/api/operator/sites`,
    json({ id, name: "Again", allowedOrigins: [], colour: "#000000", greeting: "", language: "en", visitorsPerHour: null, teamId: null }),
  );
  expect(dup.status()).toBe(409);
  expect((await page.request.patch(`${stack.appUrl}/api/operator/sites`, json({ id: "no-such-site", name: "X" }))).status()).toBe(404);
  const listed = (await (await page.request.get(`${stack.appUrl}/api/operator/sites`)).json()) as { sites: { id: string }[] };
  expect(listed.sites.map((s) => s.id)).not.toContain("bad");

  // Edit through the API: the colour reaches the frame.
  const patched = await page.request.patch(`${stack.appUrl}/api/operator/sites`, json({ id, colour: "#aa3300" }));
  expect(patched.status()).toBe(200);
  const frame = await request.get(`${stack.appUrl}/widget/frame?site=${id}`);
  expect(frame.headers()["content-security-policy"]).toContain(`frame-ancestors https://bikes.example ${stack.demoUrl}`);
  const html = await frame.text();
  expect(html).toContain('data-colour="#aa3300"');
  expect(html).toContain('lang="fr"');
  expect(html).not.toContain("<Shop>");
  expect(html).not.toContain("<b>bikes</b>");

  // The visitor sees the greeting as text, in the site's colour.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${stack.demoUrl}/?site=${id}`);
  await visitor.getByRole("button", { name: "Open support chat" }).click();
  const chat = visitor.frameLocator('iframe[title="Support chat"]');
  await expect(chat.getByText("Hi! Ask us about <b>bikes</b>.")).toBeVisible({ timeout: 60_000 });
  await expect(chat.locator("header")).toHaveCSS("background-color", "rgb(170, 51, 0)");
  // No pre-chat form unless the site asks for one: the composer is there right away.
  // (The demo page says lang="en", which wins over the site's default language.)
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await expect(chat.getByLabel("Your name")).toHaveCount(0);
  await visitor.context().close();

  // The operator turns the pre-chat form on in the console: a new visitor is asked first.
  await page.getByRole("button", { name: `Edit Bike <Shop>` }).click();
  const edit = page.getByRole("form", { name: `Edit site ${id}` });
  await edit.getByRole("checkbox", { name: /name and email before the chat/ }).check();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  const afterToggle = (await (await page.request.get(`${stack.appUrl}/api/operator/sites`)).json()) as { sites: { id: string; prechat: boolean }[] };
  expect(afterToggle.sites.find((s) => s.id === id)?.prechat).toBe(true);
  const asked = await (await browser.newContext()).newPage();
  await asked.goto(`${stack.demoUrl}/?site=${id}`);
  await asked.getByRole("button", { name: "Open support chat" }).click();
  const askedChat = asked.frameLocator('iframe[title="Support chat"]');
  await expect(askedChat.getByLabel("Your name")).toBeVisible({ timeout: 60_000 });
  await expect(askedChat.getByRole("textbox", { name: "Message" })).toBeHidden();
  await askedChat.getByRole("button", { name: "Skip" }).click();
  await expect(askedChat.getByRole("textbox", { name: "Message" })).toBeEnabled();
  await asked.context().close();

  // Only a boolean is accepted, and a PATCH that does not mention it leaves it on; false turns it off.
  const notBool = await page.request.patch(`${stack.appUrl}/api/operator/sites`, json({ id, prechat: "yes" }));
  expect(notBool.status()).toBe(400);
  await page.request.patch(`${stack.appUrl}/api/operator/sites`, json({ id, greeting: "Bonjour" }));
  expect(await (await request.get(`${stack.appUrl}/widget/frame?site=${id}`)).text()).toContain('data-prechat="1"');
  expect((await page.request.patch(`${stack.appUrl}/api/operator/sites`, json({ id, prechat: false }))).status()).toBe(200);
  expect(await (await request.get(`${stack.appUrl}/widget/frame?site=${id}`)).text()).not.toContain("data-prechat");
  await page.context().close();
});
