// Issue 15, items 4-5: a known customer's history on a second device, end-to-end encrypted.
// Browser 1: the customer talks with an agent, then opts in to "Keep my conversations on
// other devices" (a passkey with the PRF extension; its output, through HKDF, is the secret
// storage key that protects the cross-signing keys and the server-side key backup).
// Browser 2: the same customer (a fresh token) unlocks with the passkey, reads the earlier
// conversation, and the agent sees no identity change. WebAuthn runs against Chromium's
// virtual authenticator (CDP WebAuthn, hasPrf).
//
// Why "browser 2" is the same tab with the chat's site data cleared, not a new context: we
// measured (Chromium 156) that a credential copied with WebAuthn.getCredentials/addCredential
// into another context's virtual authenticator keeps its private key but not its PRF secret
// (hmac-secret): getClientExtensionResults().prf.results is then undefined. A virtual
// authenticator belongs to one tab, so the second browser is that tab after the frame's
// stored session is gone: the frame then starts with a new device and deletes the old
// crypto store (as after any loss of its session), exactly like another browser, while
// the passkey stays on the authenticator (as a synced passkey would).
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import * as schema from "../drizzle/schema";
import { visitorSends } from "./helpers";
import { findPlaintext } from "./plaintext-scan";
import { stackInfo, type StackInfo } from "./stack-info";
import { testDb } from "./support/routing-fixtures";
import { agentJoins, openChat, siteWithNodeAgent, widgetFrame } from "./support/widget-chat";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

function signToken(siteId: string, key: CryptoKey, sub: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: "Grace Hopper" })
    .setProtectedHeader({ alg: "ES256" })
    .setSubject(sub)
    .setAudience(siteId)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(key);
}

/** The host page (at `origin`) with the customer's token on its script tag, and the chat opened. */
async function openAsCustomer(page: Page, origin: string, siteId: string, token: string) {
  await page.goto(`${origin}/?site=${siteId}&test_token=${encodeURIComponent(token)}`);
  await page.getByRole("button", { name: "Open support chat" }).click({ timeout: 30_000 });
  return page.frameLocator('iframe[title="Support chat"]');
}

/** What the frame stored for the visitor (its partition: the page's top-level site). */
async function stored(page: Page, siteId: string) {
  return widgetFrame(page).evaluate(
    (k) => JSON.parse(localStorage.getItem(k) ?? "{}") as { userId: string; deviceId: string; accessToken: string },
    `sealdesk:visitor:${siteId}`,
  );
}

/** How many room keys of `roomId` the account's server-side key backup holds (encrypted: Synapse cannot read them). */
async function backedUpSessions(stack: StackInfo, accessToken: string, roomId: string): Promise<number> {
  const auth = { authorization: `Bearer ${accessToken}` };
  const version = await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/version`, { headers: auth });
  if (!version.ok) return 0;
  const { version: v } = (await version.json()) as { version: string };
  const keys = (await (await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/keys?version=${v}`, { headers: auth })).json()) as {
    rooms?: Record<string, { sessions: Record<string, unknown> }>;
  };
  return Object.keys(keys.rooms?.[roomId]?.sessions ?? {}).length;
}

/** A site with a Node agent; a customer (with a PRF passkey authenticator) who talked with the agent and opted in to the passkey backup. */
async function backedUpCustomer(browser: Browser) {
  const stack = stackInfo();
  const site = await siteWithNodeAgent(stack, "history", "History Agent");
  const { siteId, agent } = site;
  const { db, end } = testDb(stack);
  const keys = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(keys.publicKey);
  await db.insert(schema.siteIdentity).values({ siteId, publicKeyAlg: "ES256", publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } });
  const sub = `customer-${randomBytes(4).toString("hex")}`;

  // An anonymous visitor is told where their history is kept.
  const anonymous = await browser.newContext();
  const anon = await openChat(anonymous, stack, siteId);
  await expect(anon.chat.getByTestId("history-note")).toHaveText("History is kept on this browser only.");
  await expect(anon.chat.getByRole("button", { name: "Keep my conversations on other devices" })).toHaveCount(0);
  await anonymous.close();

  // The customer's browser, with a passkey authenticator that supports PRF.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    if (window !== window.top) return;
    const token = new URLSearchParams(location.search).get("test_token");
    new MutationObserver((_m, observer) => {
      const script = document.querySelector<HTMLScriptElement>("script[data-site]");
      if (!script) return;
      if (token) script.setAttribute("data-user-token", token);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      ctap2Version: "ctap2_1",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });

  const chat = await openAsCustomer(page, stack.demoUrl, siteId, await signToken(siteId, keys.privateKey, sub));
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
  await expect(chat.locator("p.status")).toBeEmpty({ timeout: 60_000 });
  const one = await stored(page, siteId);
  const question = `Where is parcel ${randomBytes(4).toString("hex")}?`;
  const answer = `It left the depot ${randomBytes(4).toString("hex")}`;
  await visitorSends(chat, question);
  const roomId = await agentJoins(agent, one.userId);
  await agent.waitForMessage(roomId, question);
  await agent.sendText(roomId, answer);
  await expect(chat.locator("li", { hasText: answer })).toBeVisible({ timeout: 60_000 });
  const agentCrypto = agent.client.getCrypto()!;
  expect((await agentCrypto.getUserVerificationStatus(one.userId)).needsUserApproval).toBe(false);

  // Opt-in: the passkey protects the history; no passkey was made before the click.
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(0);
  await chat.getByRole("button", { name: "Keep my conversations on other devices" }).click();
  await expect(chat.getByRole("status").filter({ hasText: "Your conversations can now be unlocked on your other devices with your passkey." })).toBeVisible({
    timeout: 60_000,
  });
  const [credential] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  expect(credential?.rpId).toBe(new URL(stack.appUrl).hostname); // the app's origin, which serves the frame
  // The room keys (the customer's and the agent's) reach the key backup, encrypted.
  await expect.poll(() => backedUpSessions(stack, one.accessToken, roomId), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);

  return { stack, site, agent, agentCrypto, end, keys, sub, siteId, page, one, question, answer };
}

test("a verified customer's second browser unlocks the earlier conversation with a passkey; the agent sees no identity change", async ({ browser }) => {
  test.setTimeout(240_000);
  const { stack, site, agentCrypto, end, keys, sub, siteId, page, one, question, answer } = await backedUpCustomer(browser);

  // "Browser 2": no session, no crypto store; the same customer with a fresh token.
  await widgetFrame(page).evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto("about:blank"); // the old client stops; the new frame deletes its store
  const chat2 = await openAsCustomer(page, stack.demoUrl, siteId, await signToken(siteId, keys.privateKey, sub));
  const prompt = chat2.getByRole("group", { name: "Unlock your earlier conversations with your passkey" });
  await expect(prompt).toBeVisible({ timeout: 60_000 });
  const two = await stored(page, siteId);
  expect(two.userId).toBe(one.userId);
  expect(two.deviceId).not.toBe(one.deviceId);
  await prompt.getByRole("button", { name: "Unlock with my passkey" }).click();
  await expect(chat2.getByRole("status").filter({ hasText: "Your earlier conversations are unlocked." })).toBeVisible({ timeout: 60_000 });
  await expect(chat2.locator("p.status")).toBeEmpty({ timeout: 60_000 });

  // The earlier conversation, listed and read on this device (decrypted from the restored backup).
  await chat2.getByRole("button", { name: "Your conversations" }).click();
  const earlier = chat2.locator(".past-conversations li button", { hasText: question });
  await expect(earlier).toBeVisible({ timeout: 60_000 });
  await earlier.click();
  const messages = chat2.locator("ol.past-messages");
  await expect(messages.locator("li.mine", { hasText: question })).toBeVisible({ timeout: 30_000 });
  await expect(messages.locator("li.theirs", { hasText: answer })).toBeVisible();

  // The agent: the same identity (nothing to approve), and the new device is signed by it.
  await expect
    .poll(
      async () => {
        await agentCrypto.getUserDeviceInfo([two.userId], true);
        return (await agentCrypto.getDeviceVerificationStatus(two.userId, two.deviceId))?.signedByOwner ?? false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  expect((await agentCrypto.getUserVerificationStatus(two.userId)).needsUserApproval).toBe(false);

  // What an attacker with the servers' storage gets: neither message (the backup is encrypted).
  expect(await findPlaintext(stack, [question, answer])).toEqual([]);
  await end();
  await site.stop();
});

test("a customer who continues without the passkey gets a new identity: the earlier conversation is listed as not readable, and the agent sees the change", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { stack, site, agentCrypto, end, keys, sub, siteId, page, one, question } = await backedUpCustomer(browser);
  await widgetFrame(page).evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto("about:blank");
  const chat2 = await openAsCustomer(page, stack.demoUrl, siteId, await signToken(siteId, keys.privateKey, sub));
  const prompt = chat2.getByRole("group", { name: "Unlock your earlier conversations with your passkey" });
  await prompt.getByRole("button", { name: "Continue without them" }).click({ timeout: 60_000 });
  await expect(chat2.locator("p.status")).toBeEmpty({ timeout: 60_000 });
  // Still the customer's one account (a new device and identity), not a new anonymous visitor.
  const two = await stored(page, siteId);
  expect(two.userId).toBe(one.userId);
  expect(two.deviceId).not.toBe(one.deviceId);
  // The passkey backup (which could not hold the new identity) was set aside: a new one is offered.
  await expect(chat2.getByRole("button", { name: "Keep my conversations on other devices" })).toBeVisible({ timeout: 30_000 });
  // The earlier conversation is listed (the account is still in it) but not readable here: no key on this device.
  await chat2.getByRole("button", { name: "Your conversations" }).click();
  const entries = chat2.locator(".past-conversations li button[data-room]");
  await expect(entries).toHaveCount(1, { timeout: 30_000 });
  await expect(entries.first()).toContainText("(not readable on this device)");
  await expect(chat2.locator(".past-conversations", { hasText: question })).toHaveCount(0);
  await entries.first().click();
  await expect(chat2.locator("ol.past-messages li").first()).toHaveText("(not readable on this device)");
  // The agent sees an identity change (replies held until approved): what the unlock avoids.
  await expect
    .poll(
      async () => {
        await agentCrypto.getUserDeviceInfo([one.userId], true);
        return (await agentCrypto.getUserVerificationStatus(one.userId)).needsUserApproval;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await end();
  await site.stop();
});
