import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page, type Worker } from "@playwright/test";
import { pushNotificationText, pushPayload } from "../lib/push/push-payload";
import { testPushSubscriber } from "../lib/testing/push-subscriber";
import { agentSignsIn, visitorOpensChat, visitorSends } from "./helpers";
import { findPlaintext } from "./plaintext-scan";
import { stackInfo, type StackInfo } from "./stack-info";
import { startPushReceiver } from "../lib/testing/push-receiver";
import { createAgent, createTeamSite, testDb } from "./support/routing-fixtures";
import { storedVisitor } from "./support/widget-chat";

// Web Push to an agent's device. Real: the console's control and API, the router's web-push (VAPID, RFC 8291)
// to a local HTTP receiver standing in for the push service, Chromium's service worker and notifications.
// Not reachable here: a browser's real push service (pushManager.subscribe needs FCM), and a user's click on a
// system notification (the test dispatches the click event inside the service worker).

type Shown = { title: string; body: string; tag: string; data: { roomId: string | null; eventId: string | null } };

const subscriptionRows = async (stack: StackInfo, userId: string): Promise<{ endpoint: string; p256dh: string }[]> => {
  const { sql, end } = testDb(stack);
  try {
    return await sql<{ endpoint: string; p256dh: string }[]>`select endpoint, p256dh from push_subscriptions where agent_user_id = ${userId}`;
  } finally {
    await end();
  }
};

const consoleSeen = async (stack: StackInfo, userId: string): Promise<Date | null | undefined> => {
  const { sql, end } = testDb(stack);
  try {
    return (await sql<{ seen_at: Date | null }[]>`select seen_at from console_presence where agent_user_id = ${userId}`)[0]?.seen_at;
  } finally {
    await end();
  }
};

/**
 * The browser's push service, replaced in the agent's browser (this page and every later one): `subscribe`
 * answers the test's own subscription and records the key it was asked with; `getSubscription` remembers it
 * across reloads, as a browser does.
 */
async function stubPushService(page: Page, stack: StackInfo, subscription: ReturnType<ReturnType<typeof testPushSubscriber>["subscription"]>): Promise<void> {
  const stub = ([sub, origin]: readonly [typeof subscription, string]): void => {
    if (location.origin !== origin || typeof PushManager === "undefined") return;
    const key = "e2e:push-subscribed";
    const asked: unknown[] = [];
    (window as unknown as { __askedKeys: unknown[] }).__askedKeys = asked;
    const made = () =>
      ({ endpoint: sub.endpoint, toJSON: () => sub, unsubscribe: async () => (localStorage.removeItem(key), true) }) as unknown as PushSubscription;
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      asked.push(options?.applicationServerKey);
      localStorage.setItem(key, "1");
      return made();
    };
    PushManager.prototype.getSubscription = async () => (localStorage.getItem(key) ? made() : null);
  };
  await page.context().addInitScript(stub, [subscription, stack.appUrl] as const);
  await page.evaluate(stub, [subscription, stack.appUrl] as const);
}

/** The console's service worker, as Playwright reaches it (started by a push if it was idle). */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().find((w) => w.url().endsWith("/push-sw.js")) ?? (await context.waitForEvent("serviceworker", { timeout: 10_000 }));
}

/** Delivers a push to the console's service worker through Chrome DevTools (what the push service would hand the browser, decrypted). */
async function deliverPush(page: Page, stack: StackInfo, data: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.find((r) => r.scopeURL === `${stack.appUrl}/inbox` && !r.isDeleted)).toBeTruthy();
  const reg = registrations.find((r) => r.scopeURL === `${stack.appUrl}/inbox` && !r.isDeleted)!;
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: stack.appUrl, registrationId: reg.registrationId, data });
  await cdp.detach();
}

/** The notifications the service worker shows now. */
const shown = (page: Page): Promise<Shown[]> =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration("/inbox");
    return (await reg!.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as Shown["data"] }));
  });

test("the console is an installable web app: manifest, icons, service worker", async ({ browser }) => {
  const stack = stackInfo();
  const manifest = await fetch(`${stack.appUrl}/manifest.webmanifest`);
  expect(manifest.status).toBe(200);
  expect(manifest.headers.get("content-type")).toContain("application/manifest+json");
  const m = (await manifest.json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
  expect(m).toMatchObject({ name: "Sealdesk console", start_url: "/inbox", display: "standalone" });
  for (const size of [192, 512]) {
    const icon = m.icons.find((i) => i.sizes === `${size}x${size}`);
    const png = Buffer.from(await (await fetch(`${stack.appUrl}${icon!.src}`)).arrayBuffer());
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }

  const page = await browser.newPage();
  await page.goto(`${stack.appUrl}/login`);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  // Chromium's own reading of the manifest: parsed without errors.
  const cdp = await page.context().newCDPSession(page);
  const app = (await cdp.send("Page.getAppManifest")) as { url: string; errors: unknown[] };
  expect(app.url).toBe(`${stack.appUrl}/manifest.webmanifest`);
  expect(app.errors).toEqual([]);
  // The worker registers in the console's scope and activates.
  const scope = await page.evaluate(async () => {
    await navigator.serviceWorker.register("/push-sw.js", { scope: "/inbox" });
    const reg = await navigator.serviceWorker.getRegistration("/inbox");
    await new Promise<void>((resolve) =>
      reg!.active ? resolve() : (reg!.installing ?? reg!.waiting)!.addEventListener("statechange", () => reg!.active && resolve()),
    );
    return reg!.scope;
  });
  expect(scope).toBe(`${stack.appUrl}/inbox`);
  await page.context().close();
});

test("an agent away from the console gets an encrypted, content-free push; the notification opens the conversation", async ({ browser }) => {
  test.setTimeout(240_000);
  const stack = stackInfo();
  const receiver = await startPushReceiver();
  const { db, end } = testDb(stack);
  const { siteId, teamId } = await createTeamSite(stack, db, "push");
  const agent = await createAgent(stack, db, { name: "Push Agent", teams: [teamId] });
  await end();
  const phone = testPushSubscriber();
  const subscription = phone.subscription(`${receiver.url}/push/${randomBytes(8).toString("hex")}`);
  const page = await agentSignsIn(browser, stack, agent);
  const context = page.context();
  const visitors: BrowserContext[] = [];
  try {
    await context.grantPermissions(["notifications"], { origin: stack.appUrl });
    await stubPushService(page, stack, subscription);

    // Notifications "even when closed": permission, the worker, a subscription with the server's VAPID key, stored.
    await chooseNotifications(page, "On this device, even when Sealdesk is closed");
    await expect(page.getByRole("button", { name: "Notifications: even when closed" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "This device will be notified of new conversations while Sealdesk is closed." })).toBeVisible();
    const { publicKey } = (await (await page.request.get(`${stack.appUrl}/api/agent/push`)).json()) as { publicKey: string };
    expect(await page.evaluate(() => (window as unknown as { __askedKeys: unknown[] }).__askedKeys)).toEqual([publicKey]);
    expect(await subscriptionRows(stack, agent.userId)).toEqual([{ endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh }]);

    // Bad subscriptions get a clear 4xx and change nothing.
    const post = (data: unknown) => page.request.post(`${stack.appUrl}/api/agent/push/subscribe`, { data });
    const refused = async (data: unknown, status: number, message: RegExp): Promise<void> => {
      const res = await post(data);
      expect(res.status()).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    };
    await refused({ ...subscription, endpoint: "https://intranet.example.com/admin" }, 400, /not a known push service/);
    await refused({ ...subscription, endpoint: "http://fcm.googleapis.com/fcm/send/x" }, 400, /must use https/);
    await refused({ ...subscription, keys: { ...subscription.keys, p256dh: "AAAA" } }, 400, /keys\.p256dh/);
    await refused({ endpoint: "https://fcm.googleapis.com/fcm/send/x" }, 400, /keys/);
    const anonymous = await fetch(`${stack.appUrl}/api/agent/push/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(subscription),
    });
    expect(anonymous.status).toBe(401);
    expect(await subscriptionRows(stack, agent.userId)).toHaveLength(1);

    // A page of the app's origin outside the console, to reach the service worker from (Chrome DevTools, its notifications).
    const probe = await context.newPage();
    await probe.goto(`${stack.appUrl}/api/agent/push`);

    // The agent leaves the console (pagehide says so at once).
    await page.goto("about:blank");
    await expect.poll(() => consoleSeen(stack, agent.userId), { timeout: 15_000 }).toBeNull();

    // A visitor writes; the conversation is assigned to the agent; the router pushes to the agent's device.
    const question = `Where is my order ${randomBytes(4).toString("hex")}?`;
    const first = await visitorOpensChat(browser, stack, siteId);
    visitors.push(first.page.context());
    await visitorSends(first.chat, question);
    await expect.poll(() => receiver.got.length, { timeout: 30_000 }).toBe(1);
    const firstRoom = (await storedVisitor(first.page, siteId)).roomId!;
    const push = receiver.got[0]!;
    expect(push.path).toBe(new URL(subscription.endpoint).pathname);
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.authorization).toContain(`k=${publicKey}`);
    // What the push service gets: ciphertext; not even the ids are readable.
    for (const plain of [firstRoom, siteId, question, "assigned"]) expect(push.body.includes(plain)).toBe(false);
    // What the agent's browser decrypts (http_ece, with the subscription's private key): ids and the site's name.
    const opened = phone.open(push.body);
    expect(JSON.parse(opened)).toEqual({ v: 1, kind: "assigned", roomId: firstRoom, eventId: null, site: "push" });
    expect(opened).not.toContain(question.split(" ").at(-1));

    // The service worker turns that very payload into a notification that names the site, never a message.
    await deliverPush(probe, stack, opened);
    await expect
      .poll(() => shown(probe))
      .toEqual([{ ...pushNotificationText({ kind: "assigned", site: "push" }), tag: `sealdesk:${firstRoom}`, data: { roomId: firstRoom, eventId: null } }]);
    expect(pushNotificationText({ kind: "assigned", site: "push" }).body).toBe("A visitor on push is waiting for your answer.");

    // Back at the console: a second visitor's conversation comes in while it is open, so no push for it.
    await page.goto(`${stack.appUrl}/inbox`);
    await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => consoleSeen(stack, agent.userId)).not.toBeNull();
    const question2 = `Can I change the address ${randomBytes(4).toString("hex")}?`;
    const second = await visitorOpensChat(browser, stack, siteId);
    visitors.push(second.page.context());
    await visitorSends(second.chat, question2);
    await expect.poll(async () => (await storedVisitor(second.page, siteId)).roomId, { timeout: 30_000 }).toBeTruthy();
    const room2 = (await storedVisitor(second.page, siteId)).roomId!;
    await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Visitor/ })).not.toHaveCount(0, { timeout: 60_000 });
    await page.waitForTimeout(4_000); // the router's push pass runs every second
    expect(receiver.got).toHaveLength(1);

    // Tapping a notification about it, with the console open: the console switches to that conversation.
    await deliverPush(probe, stack, pushPayload({ kind: "message", roomId: room2, site: "push" }));
    await expect
      .poll(async () => (await shown(probe)).find((n) => n.tag === `sealdesk:${room2}`)?.body)
      .toBe(pushNotificationText({ kind: "message", site: "push" }).body);
    await expect(page.locator("li.theirs", { hasText: question2 })).toHaveCount(0);
    await clickNotification(await serviceWorker(context), room2, false);
    await expect(page.locator("li.theirs", { hasText: question2 })).toBeVisible({ timeout: 30_000 });

    // With the console closed, the tap opens a window at /inbox?room=…, and the console shows the conversation.
    await page.goto("about:blank");
    await deliverPush(probe, stack, pushPayload({ kind: "message", roomId: room2, site: "push" }));
    // The worker shows it once its push handler has run (the previous one was closed by the tap).
    await expect.poll(async () => (await shown(probe)).some((n) => n.tag === `sealdesk:${room2}`)).toBe(true);
    const url = await clickNotification(await serviceWorker(context), room2, true);
    expect(url).toBe(`${stack.appUrl}/inbox?room=${encodeURIComponent(room2)}`);
    await page.goto(url!);
    await expect(page.locator("li.theirs", { hasText: question2 })).toBeVisible({ timeout: 60_000 });

    // Turn off, and sign-out, forget this device on the server; "while open" keeps no subscription either.
    await chooseNotifications(page, "Off");
    await expect(page.getByRole("status").filter({ hasText: "This device will no longer be notified." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Notifications: Off" })).toBeVisible();
    expect(await subscriptionRows(stack, agent.userId)).toEqual([]);
    await chooseNotifications(page, "On this device, even when Sealdesk is closed");
    await expect.poll(() => subscriptionRows(stack, agent.userId)).toHaveLength(1);
    await chooseNotifications(page, "On this device while Sealdesk is open");
    await expect(page.getByRole("status").filter({ hasText: "This device will be notified of new conversations while Sealdesk is open." })).toBeVisible();
    await expect.poll(() => subscriptionRows(stack, agent.userId)).toEqual([]);
    await chooseNotifications(page, "On this device, even when Sealdesk is closed");
    await expect.poll(() => subscriptionRows(stack, agent.userId)).toHaveLength(1);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("button", { name: "Sign out, keep this browser's keys" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await subscriptionRows(stack, agent.userId)).toEqual([]);

    // What an attacker with every server's storage gets: no message text anywhere (the subscription is there).
    expect(await findPlaintext(stack, [question, question2])).toEqual([]);
  } finally {
    for (const v of visitors) await v.close().catch(() => {});
    await context.close();
    await receiver.stop();
  }
});

/** Opens the console's one notifications control (if closed) and picks a choice. */
async function chooseNotifications(page: Page, choice: string): Promise<void> {
  const toggle = page.getByRole("button", { name: /^Notifications: / });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByRole("group", { name: "Notify me of new conversations" }).getByRole("button", { name: choice, exact: true }).click();
}

/**
 * Clicks the conversation's notification inside the service worker (a real click
 * on a system notification cannot be scripted). With `recordOpen`, the worker's
 * `clients.openWindow` records the URL instead of opening (a synthetic click may
 * not open windows) and the URL is answered.
 */
async function clickNotification(worker: Worker, roomId: string, recordOpen: boolean): Promise<string | null> {
  return worker.evaluate(
    async ([room, record]) => {
      // The worker's own globals (no webworker types in this project).
      const sw = self as unknown as {
        clients: { openWindow(url: string): Promise<null> };
        registration: ServiceWorkerRegistration;
        dispatchEvent(e: Event): boolean;
      };
      const ClickEvent = (globalThis as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
      let opened: string | null = null;
      const done = new Promise<void>((resolve) => {
        if (record) sw.clients.openWindow = (url: string) => ((opened = url), resolve(), Promise.resolve(null));
        else setTimeout(resolve, 1_000);
      });
      const n = (await sw.registration.getNotifications()).find((x: Notification) => x.tag === `sealdesk:${room}`);
      if (!n) throw new Error(`no notification for ${room}`);
      sw.dispatchEvent(new ClickEvent("notificationclick", { notification: n }));
      await Promise.race([done, new Promise((r) => setTimeout(r, 5_000))]);
      return opened;
    },
    [roomId, recordOpen] as const,
  );
}
