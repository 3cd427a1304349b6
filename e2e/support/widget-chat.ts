// Set-up shared by the widget specs: a site of its own with one available agent
// who answers from a plain Matrix client in Node, and the visitor's widget.
import { expect, type Browser, type BrowserContext, type Frame, type FrameLocator, type Page } from "@playwright/test";
import type { MatrixClient } from "matrix-js-sdk";
import { startNodeAgent, type NodeAgent } from "./node-matrix-agent";
import { createAgent, createTeamSite, testDb } from "./routing-fixtures";
import type { StackInfo } from "../stack-info";
import { visitorSends } from "../helpers";

export type WidgetChat = {
  siteId: string;
  agent: NodeAgent;
  agentName: string;
  stop(): Promise<void>;
};

/** A site whose only agent is available (unless told otherwise) and runs in Node. */
export async function siteWithNodeAgent(
  stack: StackInfo,
  name: string,
  agentName = `${name} Agent`,
  availability: "available" | "offline" = "available",
): Promise<WidgetChat> {
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, name);
    const a = await createAgent(stack, db, { name: agentName, teams: [teamId], maxConcurrent: 50, availability });
    const agent = await startNodeAgent({ baseUrl: stack.synapseUrl, username: a.username, password: a.password });
    return { siteId, agent, agentName, stop: () => agent.stop().catch(() => {}) };
  } finally {
    await end();
  }
}

/**
 * Opens the demo page for `siteId` in `context` and the chat on it; waits until the
 * composer is usable. `embed` adds attributes to the script tag (e.g. data-lang="fr"),
 * `pageLang` sets the page's language.
 */
export async function openChat(
  context: BrowserContext,
  stack: StackInfo,
  siteId: string,
  opts: { expectComposer?: boolean; page?: Page; embed?: string; pageLang?: string } = {},
): Promise<{ page: Page; chat: FrameLocator }> {
  const page = opts.page ?? (await context.newPage());
  if (opts.embed || opts.pageLang) {
    // Edits the page as the parser builds it (a rewritten response would count as a
    // public-network page, and Chromium's local network access rules block the loader then).
    await page.addInitScript(
      ([attrs, lang]) => {
        if (window !== window.top) return;
        new MutationObserver((_m, observer) => {
          if (lang) document.documentElement.lang = lang;
          const script = document.querySelector<HTMLScriptElement>("script[data-site]");
          if (!script) return;
          for (const [k, v] of attrs) script.setAttribute(k, v);
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      },
      [[...(opts.embed ?? "").matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m): [string, string] => [m[1] ?? "", m[2] ?? ""]), opts.pageLang ?? ""] as const,
    );
  }
  await page.goto(`${stack.demoUrl}/?site=${siteId}`);
  await page.getByRole("button", { name: "Open support chat" }).click({ timeout: 30_000 });
  const chat = page.frameLocator('iframe[title="Support chat"]');
  if (opts.expectComposer ?? true) {
    await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
    // The composer opens before the client has started (messages wait in the outbox); the
    // status line clears once it runs, and then the visitor's session is stored.
    await expect(chat.locator("p.status")).toBeEmpty({ timeout: 60_000 });
  }
  return { page, chat };
}

/** The chat iframe's Frame (to read its storage). */
export function widgetFrame(page: Page): Frame {
  const f = page.frames().find((fr) => fr.url().includes("/widget/frame"));
  if (!f) throw new Error("no widget frame on the page");
  return f;
}

/** The visitor's Matrix id as the widget stored it for the site. */
export async function storedVisitor(page: Page, siteId: string): Promise<{ userId: string; roomId?: string; preparedRoomId?: string }> {
  return widgetFrame(page).evaluate(
    (k) => JSON.parse(localStorage.getItem(k) ?? "{}") as { userId: string; roomId?: string; preparedRoomId?: string },
    `sealdesk:visitor:${siteId}`,
  );
}

/** The agent joins the conversation the visitor's widget invites them to. */
export async function agentJoins(agent: NodeAgent, visitorUserId?: string): Promise<string> {
  const roomId = await agent.waitForInvite((_r, inviter) => (visitorUserId ? inviter === visitorUserId : inviter.startsWith("@visitor-")), 60_000);
  await agent.join(roomId);
  return roomId;
}

/** Bodies of the m.room.message events `sender` sent, in timeline order, as the agent's client decrypted them. */
export function bodiesFrom(client: MatrixClient, roomId: string, sender: string): string[] {
  return (client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [])
    .filter((e) => e.getType() === "m.room.message" && e.getSender() === sender)
    .map((e) => String(e.getContent().body));
}

/** A new browser context (the visitor's browser profile). */
export async function visitorBrowser(browser: Browser): Promise<BrowserContext> {
  return browser.newContext();
}

/**
 * A visitor whose widget carries the organisation key (`orgKey`) writes `text`; `agent`, a
 * Node agent, joins the room that visitor invited it to and reads the message there.
 */
export async function visitorReachesAgent(browser: Browser, stack: StackInfo, d: { siteId: string; orgKey: string; agent: NodeAgent; text: string }) {
  const context = await browser.newContext();
  const { page, chat } = await openChat(context, stack, d.siteId, { embed: `data-org-key="${d.orgKey}"` });
  await visitorSends(chat, d.text);
  const visitor = await storedVisitor(page, d.siteId);
  const roomId = await d.agent.waitForInvite((_r, inviter) => inviter === visitor.userId, 60_000);
  await d.agent.join(roomId);
  await d.agent.waitForMessage(roomId, d.text, 60_000);
  return { context, page, chat, visitor, roomId };
}
