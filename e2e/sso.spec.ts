import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import { agentSends, agentSignsIn, visitorOpensChat, visitorSends } from "./helpers";
import { siteWithOneAgent } from "./support/routing-fixtures";
import { ssoProvider, stackInfo, type StackInfo } from "./stack-info";

// Single sign-on through a real OpenID Connect provider running beside the stack
// (scripts/oidc-dev-provider.ts): Synapse's oidc_providers, the m.login.token login in the
// browser, and the app's session from that Matrix token.

/** Adds a person to the identity provider (its own password, not the Matrix one). */
async function idpUser(stack: StackInfo, username: string, name: string): Promise<{ username: string; password: string }> {
  const password = `idp-${randomBytes(9).toString("base64url")}`;
  const users = JSON.parse(await readFile(stack.sso.usersFile, "utf8").catch(() => "[]")) as unknown[];
  await writeFile(stack.sso.usersFile, JSON.stringify([...users, { username, password, name }]));
  return { username, password };
}

/** From the console's sign-in page, with the keyboard: the SSO button, then the provider's login form. */
async function signInThroughProvider(browser: Browser, stack: StackInfo, who: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stack.appUrl}/login`);
  await page.getByRole("link", { name: `Sign in with ${stack.sso.name}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`^${stack.sso.issuer}/interaction/`));
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Continue" }).click();
  return page;
}

const ssoAlert = (page: Page) => page.getByRole("alert").filter({ hasText: "Sealdesk ID" });

/** The Matrix devices an account has, as the server admin sees them (null: no such account). */
async function devicesOf(stack: StackInfo, userId: string): Promise<string[] | null> {
  const res = await fetch(`${stack.synapseUrl}/_synapse/admin/v2/users/${encodeURIComponent(userId)}/devices`, {
    headers: { authorization: `Bearer ${stack.admin.accessToken}` },
  });
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return ((await res.json()) as { devices: { device_id: string }[] }).devices.map((d) => d.device_id);
}

test("an agent signs in through the OIDC provider with one click, sets up encryption and answers an encrypted conversation", async ({ browser }) => {
  const stack = stackInfo();
  const { siteId, agent } = await siteWithOneAgent(stack, "sso", "Sso Agent");
  const person = await idpUser(stack, agent.username, "Sso Agent");
  const question = `Can I sign in once ${randomBytes(5).toString("hex")}?`;
  const answer = `Yes, with single sign-on ${randomBytes(5).toString("hex")}.`;

  const page = await signInThroughProvider(browser, stack, person);
  // First sign-in of this account: the console creates the cross-signing identity (no interactive auth for a
  // first upload, MSC3967, whatever the login type) and shows the recovery key once.
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible({ timeout: 60_000 });
  expect(new URL(page.url()).pathname).toBe("/inbox");
  await page.getByLabel("I saved my recovery key somewhere safe").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  // The session is the agent's own, from the Matrix token the browser got through SSO.
  const session = (await (await page.request.get(`${stack.appUrl}/api/auth/session`)).json()) as { user?: { id?: string } };
  expect(session.user?.id).toBe(agent.userId);
  // The login token is gone from the address bar and the history.
  expect(page.url()).not.toContain("loginToken");

  const { chat } = await visitorOpensChat(browser, stack, siteId);
  await visitorSends(chat, question);
  await expect(chat.getByText("You're chatting with Sso Agent.")).toBeVisible();
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click();
  await expect(page.locator("li.theirs", { hasText: question })).toContainText("· encrypted");
  await agentSends(page, answer);
  await expect(chat.locator("li.theirs", { hasText: answer })).toBeVisible();
});

test("an IdP user who is not an agent gets a clear refusal, no console session and no Matrix session", async ({ browser }) => {
  const stack = stackInfo();
  // A Matrix account on the homeserver that is not an agent (an Element user, a former colleague).
  const username = `sso-stranger-${randomBytes(3).toString("hex")}`;
  const { userId } = await registerWithSharedSecret({
    homeserverUrl: stack.synapseUrl,
    sharedSecret: stack.registrationSecret,
    username,
    password: randomBytes(12).toString("base64url"),
  });
  const before = await devicesOf(stack, userId); // the registration's own device
  const page = await signInThroughProvider(browser, stack, await idpUser(stack, username, "Sso Stranger"));
  await expect(ssoAlert(page)).toHaveText("Your Sealdesk ID account is not a support agent here. Ask an operator to add you.");
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(await (await page.request.get(`${stack.appUrl}/api/auth/session`)).json()).toEqual({});
  await page.goto(`${stack.appUrl}/inbox`);
  await expect(page).toHaveURL(/\/login/);
  // The Matrix token the browser got was logged out again: the SSO sign-in left no device on the account.
  await expect.poll(() => devicesOf(stack, userId)).toEqual(before);

  // An IdP user with no Matrix account at all: Synapse creates none (enable_registration: false).
  const nobody = `sso-nobody-${randomBytes(3).toString("hex")}`;
  const page2 = await signInThroughProvider(browser, stack, await idpUser(stack, nobody, "Sso Nobody"));
  await expect(ssoAlert(page2)).toHaveText("Your Sealdesk ID account has no support agent account here. Ask an operator to add you.");
  expect(await devicesOf(stack, `@${nobody}:localhost`)).toBeNull();

  // An IdP user who names the router's account (any case) does not get into it: service and visitor
  // accounts are reserved, so Synapse finds no account, and the router gains no device.
  const routerDevices = await devicesOf(stack, stack.router.userId);
  const page3 = await signInThroughProvider(browser, stack, await idpUser(stack, "Router", "Not The Router"));
  await expect(ssoAlert(page3)).toHaveText("Your Sealdesk ID account has no support agent account here. Ask an operator to add you.");
  expect(await devicesOf(stack, stack.router.userId)).toEqual(routerDevices);
});

test("cancelling at the provider, or a provider that is down, is said on the sign-in page; password sign-in still works", async ({ browser }) => {
  const stack = stackInfo();
  const { agent } = await siteWithOneAgent(stack, "sso-pw", "Password Agent");
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stack.appUrl}/login`);
  await page.getByRole("link", { name: `Sign in with ${stack.sso.name}` }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(ssoAlert(page)).toHaveText("Sign-in with Sealdesk ID was cancelled. Nothing was changed.");
  // The sign-in page with its SSO button and an error: no serious accessibility violation.
  const bad = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(await (await page.request.get(`${stack.appUrl}/api/auth/session`)).json()).toEqual({});

  await ssoProvider("stop");
  try {
    await page.getByRole("link", { name: `Sign in with ${stack.sso.name}` }).click();
    await expect(ssoAlert(page)).toHaveText("Sealdesk ID cannot be reached right now. Try again in a moment, or sign in with your password.");
    expect(new URL(page.url()).origin).toBe(stack.appUrl);
  } finally {
    await ssoProvider("start");
  }

  // The password form is still there beside the SSO button.
  const pwPage = await agentSignsIn(browser, stack, agent);
  await expect(pwPage.getByRole("navigation", { name: "Conversations" })).toBeVisible();
});
