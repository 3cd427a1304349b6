import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type FrameLocator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import type { MatrixEvent } from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import { agentSends, agentSignsIn, visitorSends } from "./helpers";
import { startRouter, startSynapse, stackInfo, stopRouters, stopSynapse, type StackInfo } from "./stack-info";
import { asAdmin, injectDevice, type InjectedDevice } from "./support/injected-device";
import { createAgent, createTeamSite, testDb, type TestAgent } from "./support/routing-fixtures";
import { openChat, storedVisitor } from "./support/widget-chat";

// Attacks (a) and (e) of DESIGN.md's trust model, by the homeserver's admin, against
// the real widget and console in Chromium: (a) a device injected into the agent's
// account gets no room keys and what it sends is not shown as the agent's; (e) a
// message posted "as the agent" in the clear, or encrypted by a device the agent
// never cross-signed, is a neutral "hidden" notice, never the agent's message. The
// Synapse module refuses the plaintext; (e1) plays an admin who turns that rule off.
test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let agent: TestAgent;
let agentName: string;
let siteId: string;
let roomId: string;
let agentPage: Page;
let visitorContext: BrowserContext;
let visitorPage: Page;
let chat: FrameLocator;
let injected: InjectedDevice;

const secret = (what: string): string => `${what} ${randomBytes(6).toString("hex")}`;
const HIDDEN = "A message that could not be verified was hidden.";

/** Unread counts the frame posts to the host page (the bubble's badge), recorded from now on. */
async function recordUnread(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { unread: number[]; unreadSpy?: boolean };
    w.unread = [];
    if (w.unreadSpy) return;
    w.unreadSpy = true;
    window.addEventListener("message", (e: MessageEvent<{ type?: string; count?: number }>) => {
      if (e.data?.type === "sealdesk:unread") w.unread.push(e.data.count ?? -1);
    });
  });
  return () => page.evaluate(() => (window as unknown as { unread: number[] }).unread);
}

/** Minimises the chat (Escape) so that new agent messages count as unread. */
async function minimise(): Promise<void> {
  await chat.getByRole("textbox", { name: "Message" }).press("Escape");
  await expect(visitorPage.getByRole("button", { name: "Open support chat" })).toBeFocused();
}

/** The agent's real reply (`what` and a random tail) reaches the minimised widget and is its one unread message; the text sent. */
async function realReplyCountsOnce(unread: () => Promise<number[]>, what: string): Promise<string> {
  const real = secret(what);
  await agentSends(agentPage, real);
  await expect(chat.locator("li.theirs", { hasText: real })).toBeAttached();
  await expect.poll(async () => (await unread()).at(-1)).toBe(1);
  expect(Math.max(...(await unread()))).toBe(1);
  return real;
}

async function reopen(): Promise<void> {
  await visitorPage.getByRole("button", { name: "Open support chat" }).click();
  await chat.getByRole("textbox", { name: "Message" }).focus();
}

test.beforeAll(async () => {
  stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    let teamId: string;
    ({ siteId, teamId } = await createTeamSite(stack, db, "hostile"));
    agentName = `Hostile Test Agent ${randomBytes(2).toString("hex")}`;
    agent = await createAgent(stack, db, { name: agentName, teams: [teamId], maxConcurrent: 50 });
    // The agent also operates, so the same session reads the audit.
    await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, agent.userId));
  } finally {
    await end();
  }
});
test.afterAll(async () => {
  injected?.stop();
  await visitorContext?.close();
  await agentPage?.context().close();
});

test("(a) a device injected into the agent's account gets no room key for messages from the widget or the console, and the audit flags it", async ({
  browser,
}) => {
  agentPage = await agentSignsIn(browser, stack, agent);
  visitorContext = await browser.newContext();
  ({ page: visitorPage, chat } = await openChat(visitorContext, stack, siteId));
  const before = secret("Before the injection");
  await visitorSends(chat, before);
  await expect(chat.getByText(`You're chatting with ${agentName}.`)).toBeVisible({ timeout: 60_000 });
  roomId = (await storedVisitor(visitorPage, siteId)).roomId!;
  await agentPage
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click();
  await expect(agentPage.locator("li.theirs", { hasText: before })).toBeVisible();

  injected = await injectDevice(stack, agent.userId);
  const injectedAt = Date.now();
  // Time for both browsers' sync to carry the agent's device-list change.
  await new Promise((r) => setTimeout(r, 3_000));

  const fromAgent = secret("Agent, after the injection:");
  await agentSends(agentPage, fromAgent);
  await expect(chat.locator("li.theirs", { hasText: fromAgent })).toBeVisible();
  const fromVisitor = secret("Visitor, after the injection:");
  await visitorSends(chat, fromVisitor);
  await expect(agentPage.locator("li.theirs", { hasText: fromVisitor })).toBeVisible();

  // The injected device holds both events (the server gives them to it) but no key for either.
  const after = (): MatrixEvent[] => injected.events(roomId).filter((e) => e.getWireType() === "m.room.encrypted" && e.getTs() > injectedAt);
  await expect.poll(() => after().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await new Promise((r) => setTimeout(r, 5_000)); // room keys, were any sent, travel as to-device messages
  for (const ev of injected.events(roomId)) await injected.client.decryptEventIfNeeded(ev, { isRetry: true }).catch(() => {});
  const bodies = injected.events(roomId).map((e) => String(e.getContent().body ?? ""));
  expect(bodies.filter((b) => b.includes(fromAgent) || b.includes(fromVisitor))).toEqual([]);
  // Not merely late: both senders knew the device and told it they withhold the key from it.
  expect(after().map((e) => e.decryptionFailureReason)).toEqual(after().map(() => "MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE"));

  // The audit names the device.
  const res = await agentPage.request.get(`${stack.appUrl}/api/operator/audit/${encodeURIComponent(roomId)}`);
  expect(res.status()).toBe(200);
  const { audit } = (await res.json()) as { audit: { alerts: { kind: string; userId: string; deviceId?: string }[] } };
  expect(audit.alerts).toContainEqual(expect.objectContaining({ kind: "unsigned_device", userId: agent.userId, deviceId: injected.deviceId }));
});

test("(a, e2) what the injected device sends, encrypted, is a hidden notice in the widget and the console and never counts as unread", async () => {
  const unread = await recordUnread(visitorPage);
  await minimise();
  const forged = secret("FORGED encrypted: please send your card number to");
  await injected.client.sendTextMessage(roomId, forged);

  await expect(chat.locator("li.unverified")).toHaveCount(1);
  await expect(chat.locator("li.unverified")).toHaveText(HIDDEN);
  await expect(chat.locator(".messages")).not.toContainText("FORGED");
  const hiddenInConsole = agentPage.locator("li.unverified");
  await expect(hiddenInConsole).toHaveCount(1);
  await expect(hiddenInConsole).toContainText("encrypted by a device its owner has not cross-signed");
  await expect(agentPage.locator(".messages")).not.toContainText("FORGED");

  // The agent's real reply counts; the forged one never did.
  const real = await realReplyCountsOnce(unread, "The real agent speaking");
  await reopen();
  await expect.poll(async () => (await unread()).at(-1)).toBe(0);
  await expect(chat.locator("li.theirs", { hasText: real }).locator(".sender")).toHaveText(agentName);
});

test("(e1) a message posted in the clear with an admin-obtained token of the agent is a hidden notice in the widget and the console", async () => {
  const unread = await recordUnread(visitorPage);
  await minimise();
  // A puppet token for the agent from Synapse's admin API, and a plain m.room.message (HTML too).
  const { access_token: token } = (await asAdmin(stack, "POST", `/_synapse/admin/v1/users/${encodeURIComponent(agent.userId)}/login`, {})) as {
    access_token: string;
  };
  const forged = secret("FORGED in the clear: your order is cancelled, pay again at");
  const post = () =>
    asAdmin(
      stack,
      "PUT",
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/forged-${randomBytes(4).toString("hex")}`,
      { msgtype: "m.text", body: forged, format: "org.matrix.custom.html", formatted_body: `<b>${forged}</b>` },
      token,
    );
  // The confinement module refuses plaintext in a conversation room (event_rules.py)...
  await expect(post()).rejects.toThrow(/: 403 .*M_FORBIDDEN/);
  // ...but the admin owns Synapse's config: the realistic attacker restarts it with the
  // module's rule turned off (refuse_plaintext: false), posts, and turns it back on. The
  // widget's and the console's own defence is what is left, and what this test checks.
  await stopSynapse();
  try {
    await startSynapse({ refusePlaintext: false });
    await post();
  } finally {
    await stopSynapse();
    await startSynapse();
    // The router's sync can be slow to resume after a restart (see widget-delivery.spec.ts): a fresh one.
    await stopRouters();
    await startRouter();
  }

  await expect(chat.locator("li.unverified")).toHaveCount(2, { timeout: 90_000 });
  await expect(chat.locator("li.unverified").last()).toHaveText(HIDDEN);
  await expect(chat.locator(".messages")).not.toContainText("FORGED");
  const hiddenInConsole = agentPage.locator("li.unverified");
  await expect(hiddenInConsole).toHaveCount(2, { timeout: 90_000 });
  await expect(hiddenInConsole.last()).toContainText("sent without end-to-end encryption");
  await expect(agentPage.locator(".messages")).not.toContainText("FORGED");

  await realReplyCountsOnce(unread, "Still the real agent");
});
