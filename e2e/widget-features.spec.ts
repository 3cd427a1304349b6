import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { EventType, MsgType } from "matrix-js-sdk";
import { decryptAttachment, type IEncryptedFile } from "matrix-encrypt-attachment";
import { PRECHAT_FIELD } from "../lib/conversation/event-types";
import { uploadEncryptedAttachment } from "../lib/matrix/encrypted-attachment";
import { visitorSends } from "./helpers";
import { findPlaintext, scannerSees } from "./plaintext-scan";
import { stackInfo } from "./stack-info";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor } from "./support/widget-chat";

// A 1x1 PNG; bytes after IEND keep it decodable and make each copy unique.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const uniquePng = (): Buffer => Buffer.concat([PNG, randomBytes(2048)]);

test("an XSS corpus in messages, names, room name and topic stays inert in the widget", async ({ browser }) => {
  const stack = stackInfo();
  const evilName = `<img src=x onerror=alert('name')>Eve<script>alert('name2')</script>`;
  const site = await siteWithNodeAgent(stack, "xss", evilName);
  try {
    const context = await browser.newContext();
    const { page, chat } = await openChat(context, stack, site.siteId);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await site.agent.client.setDisplayName(evilName);
    await visitorSends(chat, "hello");
    const { userId } = await storedVisitor(page, site.siteId);
    const roomId = await agentJoins(site.agent, userId);
    await site.agent.waitForMessage(roomId, "hello");

    // The router (power 50) can write the room's name and topic: markup there must stay text too.
    // The router joins the room on its own schedule: until it has, Synapse answers 403, so wait for its join.
    for (const [type, content] of [
      ["m.room.name", { name: evilName }],
      ["m.room.topic", { topic: `<a href="javascript:alert('topic')">t</a>` }],
    ] as const) {
      const put = () =>
        fetch(`${stack.synapseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${type}/`, {
          method: "PUT",
          headers: { authorization: `Bearer ${stack.router.accessToken}`, "content-type": "application/json" },
          body: JSON.stringify(content),
        }).then((r) => r.status);
      await expect.poll(put, { timeout: 30_000, intervals: [250] }).toBe(200);
    }

    const corpus = [
      `<script>alert('script')</script>corpus-1`,
      `<a href="javascript:alert('link')">corpus-2 link</a>`,
      `<img src=x onerror="alert('img')">corpus-3`,
      `<svg onload="alert('svg')"></svg><iframe src="javascript:alert('iframe')"></iframe>corpus-4`,
      `<p onclick="alert('click')" style="position:fixed;inset:0">corpus-5</p><b>corpus-bold</b>`,
      `<a href="https://example.org/safe">corpus-6 safe link</a><form action="https://evil.example"><input name=p></form>`,
    ];
    for (const html of corpus) await site.agent.client.sendHtmlMessage(roomId, html.replace(/<[^>]+>/g, ""), html);
    await site.agent.sendText(roomId, `<script>alert('plain')</script><img src=x onerror=alert('plain')> corpus-7`);

    await expect(chat.locator("li.theirs", { hasText: "corpus-7" })).toBeVisible();
    for (const n of [1, 2, 3, 4, 5, 6]) await expect(chat.locator("li.theirs", { hasText: `corpus-${n}` })).toBeVisible();
    // Allowed formatting renders; the rest is gone, or text.
    await expect(chat.locator("li.theirs b", { hasText: "corpus-bold" })).toBeVisible();
    await expect(chat.locator("li.theirs", { hasText: "corpus-7" })).toContainText("<script>alert('plain')</script>");
    // Everything that shows what others wrote (the widget's own composer form is elsewhere).
    const app = chat.locator(".messages, header, .notice, .status, .typing");
    expect(await app.locator("script, iframe, svg, img, object, embed, form, input[name=p], [style]").count()).toBe(0);
    expect(await app.locator("[onerror], [onload], [onclick]").count()).toBe(0);
    const hrefs = await app.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    // The javascript: link keeps its text but loses its href.
    expect(hrefs).toEqual([null, "https://example.org/safe"]);
    // Names are text wherever they show.
    await expect(chat.locator("header h1")).toHaveText(evilName);
    await expect(chat.locator("li.theirs .sender").first()).toHaveText(evilName);
    await chat.locator("li.theirs a", { hasText: "corpus-2 link" }).click();
    await page.waitForTimeout(1_000);
    expect(dialogs).toEqual([]);
    await context.close();
  } finally {
    await site.stop();
  }
});

test("pre-chat answers, agent name and avatar, typing both ways, seen receipts, unread count, attachments, ending", async ({ browser }) => {
  const stack = stackInfo();
  const site = await siteWithNodeAgent(stack, "features", "Grace Hopper");
  try {
    const agent = site.agent;
    // The agent's avatar, served by authenticated media only.
    const { content_uri: avatarMxc } = await agent.client.uploadContent(PNG, { type: "image/png" });
    await agent.client.setAvatarUrl(avatarMxc);

    const context = await browser.newContext();
    const { page, chat } = await openChat(context, stack, site.siteId, { embed: "data-prechat", expectComposer: false });

    // Pre-chat form: the answers travel encrypted in the room and our servers never store them.
    const email = `ada-${randomBytes(4).toString("hex")}@example.org`;
    await chat.getByLabel("Your name").fill("Ada Lovelace");
    await chat.getByLabel("Your email").fill(email);
    await chat.getByRole("button", { name: "Start chat" }).click();
    await expect(chat.getByRole("textbox", { name: "Message" })).toBeFocused();
    await visitorSends(chat, "I need help with my order");
    // The composer opens before the visitor's account exists; the status clears once it does.
    await expect(chat.locator("p.status")).toBeEmpty({ timeout: 60_000 });
    const { userId } = await storedVisitor(page, site.siteId);
    const roomId = await agentJoins(agent, userId);
    await agent.waitForMessage(roomId, "I need help with my order");
    const prechat = agent.client
      .getRoom(roomId)!
      .getLiveTimeline()
      .getEvents()
      .find((e) => e.getContent()[PRECHAT_FIELD]);
    expect(prechat?.isEncrypted()).toBe(true);
    expect(prechat?.getContent()).toMatchObject({ msgtype: MsgType.Notice, [PRECHAT_FIELD]: { name: "Ada Lovelace", email } });
    expect(await scannerSees(stack, userId)).toBe(true);
    expect(await findPlaintext(stack, [email])).toEqual([]);

    // Agent name and avatar in the header.
    await expect(chat.locator("header h1")).toHaveText("Grace Hopper");
    await expect
      .poll(
        () =>
          chat
            .locator("header .avatar img")
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
            .catch(() => false),
        { timeout: 30_000 },
      )
      .toBe(true);

    // Typing, both ways.
    await agent.client.sendTyping(roomId, true, 20_000);
    await expect(chat.getByText("Grace Hopper is typing…")).toBeVisible();
    await agent.client.sendTyping(roomId, false, 0);
    await expect(chat.getByText("Grace Hopper is typing…")).toBeHidden();
    await chat.getByRole("textbox", { name: "Message" }).pressSequentially("Let me chec");
    await expect.poll(() => agent.client.getRoom(roomId)?.getMember(userId)?.typing, { timeout: 15_000 }).toBe(true);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");

    // Seen: the agent's read receipt shows on the visitor's messages.
    await agent.waitForMessage(roomId, "Let me chec");
    const last = agent.client
      .getRoom(roomId)!
      .getLiveTimeline()
      .getEvents()
      .filter((e) => e.getSender() === userId)
      .at(-1)!;
    await expect(chat.locator("li.mine", { hasText: "Let me chec" })).toHaveAttribute("data-state", "sent");
    await agent.client.sendReadReceipt(last);
    await expect(chat.locator("li.mine", { hasText: "Let me chec" })).toHaveAttribute("data-state", "seen");
    await expect(chat.locator("li.mine", { hasText: "Let me chec" })).toContainText("Seen");

    // Unread count for the bubble while the chat is minimised (Escape), cleared when reopened.
    await page.evaluate(() => {
      const w = window as unknown as { unread: number[] };
      w.unread = [];
      window.addEventListener("message", (e: MessageEvent<{ type?: string; count?: number }>) => {
        if (e.data?.type === "sealdesk:unread") w.unread.push(e.data.count ?? -1);
      });
    });
    await chat.getByRole("textbox", { name: "Message" }).press("Escape");
    await expect(page.getByRole("button", { name: "Open support chat" })).toBeFocused();
    await agent.sendText(roomId, "Are you still there?");
    await expect.poll(() => page.evaluate(() => (window as unknown as { unread: number[] }).unread.at(-1))).toBe(1);
    await page.getByRole("button", { name: "Open support chat" }).click();
    await chat.getByRole("textbox", { name: "Message" }).focus();
    await expect.poll(() => page.evaluate(() => (window as unknown as { unread: number[] }).unread.at(-1))).toBe(0);

    // Attachments: the visitor's image reaches the agent as the same bytes, encrypted end to end.
    const image = uniquePng();
    await chat.locator("input[type=file]").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: image });
    await expect(chat.locator("li.mine .attachment img")).toBeVisible();
    await agent.waitForMessage(roomId, "receipt.png");
    const ev = agent.client
      .getRoom(roomId)!
      .getLiveTimeline()
      .getEvents()
      .find((e) => e.getContent().body === "receipt.png")!;
    expect(ev.isEncrypted()).toBe(true);
    const content = ev.getContent() as { msgtype: string; file: IEncryptedFile & { url: string } };
    expect(content.msgtype).toBe(MsgType.Image);
    const http = agent.client.mxcUrlToHttp(content.file.url, undefined, undefined, undefined, false, true, true)!;
    const res = await fetch(http, { headers: { authorization: `Bearer ${agent.client.getAccessToken()}` } });
    const ciphertext = Buffer.from(await res.arrayBuffer());
    expect(ciphertext.equals(image)).toBe(false);
    expect(
      Buffer.from(await decryptAttachment(ciphertext.buffer.slice(ciphertext.byteOffset, ciphertext.byteOffset + ciphertext.byteLength), content.file)).equals(
        image,
      ),
    ).toBe(true);
    await expect(chat.locator("li.mine", { hasText: "" }).filter({ has: chat.locator(".attachment") })).toHaveAttribute("data-state", /sent|seen/);

    // The agent's image shows as a decrypted preview in the widget.
    const label = uniquePng();
    const fromAgent = await uploadEncryptedAttachment(agent.client, {
      name: "label.png",
      type: "image/png",
      size: label.length,
      arrayBuffer: async () => label.buffer.slice(label.byteOffset, label.byteOffset + label.byteLength) as ArrayBuffer,
    });
    await agent.client.sendEvent(roomId, EventType.RoomMessage, fromAgent as never);
    await expect
      .poll(
        () =>
          chat
            .locator("li.theirs .attachment img")
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.src.startsWith("blob:"))
            .catch(() => false),
        { timeout: 30_000 },
      )
      .toBe(true);

    // Over the size limit: a clear error, nothing sent.
    await chat
      .locator("input[type=file]")
      .setInputFiles({ name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await expect(chat.getByRole("alert")).toHaveText("That file is too large: the limit is 10 MB.");
    await expect(chat.locator("li", { hasText: "huge.bin" })).toHaveCount(0);

    // The visitor ends the conversation: both sides see it, and a new one can start.
    await chat.getByRole("button", { name: "End chat" }).click();
    await expect(chat.getByText("You ended this conversation.")).toBeVisible();
    await expect
      .poll(
        () => (agent.client.getRoom(roomId)?.currentState.getStateEvents("org.sealdesk.routing", "")?.getContent() as { status?: string } | undefined)?.status,
        { timeout: 30_000 },
      )
      .toBe("closed");
    await chat.getByRole("button", { name: "Start a new conversation" }).click();
    await expect(chat.locator("li")).toHaveCount(0);
    await context.close();
  } finally {
    await site.stop();
  }
});

test("with no agent available the visitor is told they are queued", async ({ browser }) => {
  const stack = stackInfo();
  const site = await siteWithNodeAgent(stack, "away", "Away Agent", "offline");
  try {
    const context = await browser.newContext();
    const { chat } = await openChat(context, stack, site.siteId);
    await visitorSends(chat, "Anyone there?");
    await expect(chat.getByText("All our agents are busy. You are in the queue: we will answer here, even if you leave and come back later.")).toBeVisible();
    await context.close();
  } finally {
    await site.stop();
  }
});
