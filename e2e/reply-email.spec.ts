import { randomBytes } from "node:crypto";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { connectPostgres } from "../drizzle/connect";
import { findPlaintext } from "./plaintext-scan";
import { stackInfo, type StackInfo } from "./stack-info";
import { mailTexts, receivedMail, type ReceivedMail } from "./support/smtp-sink";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor, visitorBrowser, widgetFrame } from "./support/widget-chat";

// Reply emails: a real local SMTP server (aiosmtpd) receives what the router sends through nodemailer.
// global-setup: a widget counts as closed 9 s after its last ping; one email per conversation per minute.
const TTL_MS = 9_000;
const WINDOW_MS = 60_000;

const mailTo = async (stack: StackInfo, address: string): Promise<ReceivedMail[]> => (await receivedMail(stack.mailDir)).filter((m) => m.to.includes(address));
const unique = (what: string): string => `${what} ${randomBytes(6).toString("hex")}`;

/** The visitor opts in with the plainly worded consent; the widget confirms. */
async function optIn(chat: FrameLocator, address: string): Promise<void> {
  await chat.getByRole("button", { name: "Email me when they reply" }).click();
  await expect(chat.getByText("We'll email you when we reply. The email says only that there is a reply, never what it says.")).toBeVisible();
  await chat.getByLabel("Your email").fill(address);
  await chat.getByRole("button", { name: "Email me", exact: true }).click();
  await expect(chat.getByRole("status").filter({ hasText: `We'll email ${address} when we reply.` })).toBeVisible();
}

/** Waits until the app no longer counts this visitor's widget as open (closed at once on pagehide, else after the TTL). */
async function widgetCountsClosed(stack: StackInfo, address: string): Promise<void> {
  const sql = connectPostgres(stack.databaseUrl, 1);
  try {
    await expect
      .poll(
        async () => {
          const [row] = await sql<
            { closed: boolean }[]
          >`select (last_open_at is null or last_open_at < now() - ${`${TTL_MS + 500} milliseconds`}::interval) as closed from visitor_contacts where email = ${address}`;
          return row?.closed;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  } finally {
    await sql.end();
  }
}

/** A quiet spell in which the router sees the agent's event: long enough for an email to arrive if one were sent. */
const settle = (page?: Page): Promise<void> => (page ? page.waitForTimeout(6_000) : new Promise((r) => setTimeout(r, 6_000)));

test("a visitor who left gets one content-free email; its link reopens the chat; unsubscribe stops the emails", async ({ browser }) => {
  const stack = stackInfo();
  const site = await siteWithNodeAgent(stack, "reply-mail");
  const ctx = await visitorBrowser(browser);
  try {
    const address = `visitor-${randomBytes(4).toString("hex")}@mail.example`;
    const question = unique("Has my parcel left the depot?");
    const replies = [unique("Yes, it left this morning."), unique("Tracking follows shortly."), unique("Anything else today?")];
    const { page, chat } = await openChat(ctx, stack, site.siteId);
    await chat.getByRole("textbox", { name: "Message" }).fill(question);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    const { userId: visitorUserId } = await storedVisitor(page, site.siteId);
    const roomId = await agentJoins(site.agent, visitorUserId);
    await site.agent.waitForMessage(roomId, question);
    await optIn(chat, address);

    // The visitor closes the tab; the agent answers.
    await page.close();
    await widgetCountsClosed(stack, address);
    await site.agent.sendText(roomId, replies[0]!);
    await expect.poll(async () => (await mailTo(stack, address)).length, { timeout: 30_000 }).toBe(1);
    const firstMailAt = Date.now();
    const [mail] = await mailTo(stack, address);
    // The decoded forms (a raw quoted-printable line may break a link).
    const body = mailTexts(mail!.raw).slice(1).join("\n");
    expect(mail!.raw).toMatch(/^Subject: You have a new reply from reply-mail/m);
    const openLink = `${stack.demoUrl}/?site=${site.siteId}&sealdesk=open`;
    expect(body).toContain(openLink);
    const appOrigin = stack.appUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); // as a regular expression
    const unsubscribe = new RegExp(`(${appOrigin}/api/email/unsubscribe\\?token=[A-Za-z0-9._%-]+)`).exec(body)?.[1];
    expect(unsubscribe).toBeTruthy();
    // No message text in the email, however it is encoded (the scan decodes quoted-printable and base64).
    for (const text of [question, ...replies]) for (const form of mailTexts(mail!.raw)) expect(form).not.toContain(text);

    // A second reply within the window sends no second email.
    await site.agent.sendText(roomId, replies[1]!);
    await settle();
    expect(await mailTo(stack, address)).toHaveLength(1);

    // The link opens the page with the chat open, showing the agent's replies decrypted.
    const back = await ctx.newPage();
    await back.goto(openLink);
    const reopened = back.frameLocator('iframe[title="Support chat"]');
    await expect(reopened.locator("li.theirs", { hasText: replies[0]! })).toBeVisible({ timeout: 60_000 });
    await expect(reopened.locator("li.theirs", { hasText: replies[1]! })).toBeVisible();

    // A forged token changes nothing; the real link, one click without login, forgets the address.
    const forged = await fetch(`${stack.appUrl}/api/email/unsubscribe?token=${encodeURIComponent(`${Buffer.from(visitorUserId).toString("base64url")}.AAAA`)}`);
    expect(forged.status).toBe(400);
    const stranger = await browser.newPage();
    await stranger.goto(unsubscribe!);
    await expect(stranger.getByRole("status")).toHaveText("Done: you will get no more reply emails, and we no longer keep your email address.");
    await stranger.close();

    // After the window, with the widget closed again, a reply sends nothing: the address is gone.
    await back.close();
    const backClosedAt = Date.now();
    const sql = connectPostgres(stack.databaseUrl, 1);
    expect(await sql`select 1 from visitor_contacts where email = ${address}`).toHaveLength(0);
    await sql.end();
    // Past the window and past the TTL of the reopened widget's last ping: without the unsubscribe this reply would email.
    await new Promise((r) => setTimeout(r, Math.max(0, firstMailAt + WINDOW_MS + 2_000 - Date.now(), backClosedAt + TTL_MS + 1_000 - Date.now())));
    await site.agent.sendText(roomId, replies[2]!);
    await settle();
    expect(await mailTo(stack, address)).toHaveLength(1);

    // What an attacker with the servers' storage and the mail server gets: no message text. The
    // scanner does read the mail folder (the address is there), so a miss is a real absence.
    expect((await findPlaintext(stack, [address])).some((hit) => hit.includes("email "))).toBe(true);
    expect(await findPlaintext(stack, [question, ...replies])).toEqual([]);
  } finally {
    await ctx.close();
    await site.stop();
  }
});

test("a visitor whose widget is open gets no email; once it closes, the next reply emails them", async ({ browser }) => {
  const stack = stackInfo();
  const site = await siteWithNodeAgent(stack, "reply-open");
  const ctx = await visitorBrowser(browser);
  try {
    const address = `open-${randomBytes(4).toString("hex")}@mail.example`;
    const question = unique("Do you ship abroad?");
    const [first, second] = [unique("We do, to most countries."), unique("Customs forms are included.")];
    const { page, chat } = await openChat(ctx, stack, site.siteId);
    await chat.getByRole("textbox", { name: "Message" }).fill(question);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    const { userId } = await storedVisitor(page, site.siteId);
    const roomId = await agentJoins(site.agent, userId);
    await site.agent.waitForMessage(roomId, question);
    await optIn(chat, address);

    // Bad input gets a clear 4xx and changes nothing: no token, no consent, a bad address, a page off the site.
    const token = await widgetFrame(page).evaluate(
      (k) => (JSON.parse(localStorage.getItem(k) ?? "{}") as { accessToken: string }).accessToken,
      `sealdesk:visitor:${site.siteId}`,
    );
    const post = (body: object, auth = true) =>
      fetch(`${stack.appUrl}/api/visitor/email`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const good = { email: "other@mail.example", consent: true, page_url: `${stack.demoUrl}/?site=${site.siteId}` };
    expect((await post(good, false)).status).toBe(401);
    expect((await post({ ...good, consent: false })).status).toBe(400);
    expect((await post({ ...good, email: "not-an-address" })).status).toBe(400);
    const offSite = await post({ ...good, page_url: "https://evil.example/phish" });
    expect(offSite.status).toBe(400);
    expect(((await offSite.json()) as { error: string }).error).toContain("allowed origins");
    const sql = connectPostgres(stack.databaseUrl, 1);
    expect(await sql`select email from visitor_contacts where visitor_user_id = ${userId}`).toEqual([{ email: address }]);
    await sql.end();

    // The widget is open (it pings): the reply shows in it and no email goes out, even past the TTL.
    await page.waitForTimeout(TTL_MS + 1_000);
    await site.agent.sendText(roomId, first);
    await expect(chat.locator("li.theirs", { hasText: first })).toBeVisible();
    await settle(page);
    expect(await mailTo(stack, address)).toEqual([]);

    // The control: the same visitor with the tab closed is emailed at the next reply.
    await page.close();
    await widgetCountsClosed(stack, address);
    await site.agent.sendText(roomId, second);
    await expect.poll(async () => (await mailTo(stack, address)).length, { timeout: 30_000 }).toBe(1);
  } finally {
    await ctx.close();
    await site.stop();
  }
});
