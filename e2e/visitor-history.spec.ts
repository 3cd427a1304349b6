// Issue 15, item 5: several conversations per visitor. The widget lists the visitor's conversations
// (a closed one readable, decrypted in this browser, after the router left it) and starts a new one;
// the console shows an agent the visitor's earlier conversations it was assigned, and opens one
// decrypted; an agent never assigned gets nothing, and the route refuses what it must.
import { randomBytes } from "node:crypto";
import { expect, request, test } from "@playwright/test";
import { agentSends, agentSignsIn, visitorSends } from "./helpers";
import { startRouter, stackInfo, stopRouters, type StackInfo } from "./stack-info";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { consoleSession } from "./support/org-roster";
import { createAgent, createTeamSite, eventually, serverMembers, testDb } from "./support/routing-fixtures";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor } from "./support/widget-chat";

test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
const visitors: NodeVisitor[] = [];
// A short reopening grace: the router (and the console) leave a closed conversation soon.
const GRACE_MS = 8_000;

test.beforeAll(async () => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "600000", ROUTER_CLOSED_GRACE_MS: String(GRACE_MS) });
});
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});
test.afterAll(async () => {
  for (const v of visitors.splice(0)) v.stop();
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "15000" });
  await end();
});

const nonce = () => randomBytes(4).toString("hex");

/** Waits until the router left the room on the server (after its grace), as `client` (a member) reads it. */
async function routerLeft(client: Parameters<typeof serverMembers>[1], roomId: string): Promise<void> {
  await eventually(
    "the router left the closed conversation",
    async () => ((await serverMembers(stack, client, roomId)).get(stack.router.userId) === "leave" ? true : undefined),
    GRACE_MS + 40_000,
  );
}

test("the widget lists a conversation the visitor ended, readable after the router left it, and a new one beside it; also after the page loads again", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const site = await siteWithNodeAgent(stack, "visithist", "History List Agent");
  try {
    const context = await browser.newContext();
    const { page, chat } = await openChat(context, stack, site.siteId);
    const question = `Where is parcel ${nonce()}?`;
    const answer = `It left the depot ${nonce()}.`;
    await visitorSends(chat, question);
    const visitor = await storedVisitor(page, site.siteId);
    const first = await agentJoins(site.agent, visitor.userId);
    await site.agent.waitForMessage(first, question, 60_000);
    await site.agent.sendText(first, answer);
    await expect(chat.locator("li.theirs", { hasText: answer })).toBeVisible({ timeout: 60_000 });

    // The visitor ends it; the router closes it and leaves after its grace.
    await chat.getByRole("button", { name: "End chat" }).click();
    await expect(chat.getByText("You ended this conversation.")).toBeVisible({ timeout: 30_000 });
    await routerLeft(site.agent.client, first);

    // Listed as closed with its first line, and read in place: both sides, decrypted in this browser.
    const toggle = chat.getByRole("button", { name: "Your conversations" });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const entries = chat.locator(".past-conversations li button[data-room]");
    await expect(entries).toHaveCount(1, { timeout: 30_000 });
    await expect(entries.first()).toContainText(`Closed · ${question}`);
    await entries.first().click();
    const messages = chat.locator("ol.past-messages");
    await expect(messages.locator("li.mine", { hasText: question })).toBeVisible();
    await expect(messages.locator("li.theirs", { hasText: answer })).toBeVisible();
    await expect(messages.getByText("(not readable on this device)")).toHaveCount(0);
    await chat.locator(".past-conversations").getByRole("button", { name: "Back" }).click();

    // A new conversation: another room, routed to the agent; the open list shows it as it arrives, newest first.
    await chat.getByRole("button", { name: "Start a new conversation" }).click();
    const again = `And parcel ${nonce()}?`;
    await visitorSends(chat, again);
    const second = await agentJoins(site.agent, visitor.userId);
    expect(second).not.toBe(first);
    await site.agent.waitForMessage(second, again, 60_000);
    await expect(entries).toHaveCount(2, { timeout: 30_000 });
    await expect(entries.nth(0)).toContainText(`Open · ${again}`);
    await expect(entries.nth(1)).toContainText(`Closed · ${question}`);

    // The same browser after a reload (its stored session and keys): the closed one still reads.
    await openChat(context, stack, site.siteId, { page });
    await chat.getByRole("button", { name: "Your conversations" }).click();
    await expect(entries).toHaveCount(2, { timeout: 30_000 });
    await chat.locator(`.past-conversations button[data-room="${first}"]`).click();
    await expect(messages.locator("li.theirs", { hasText: answer })).toBeVisible({ timeout: 30_000 });
    await context.close();
  } finally {
    await site.stop();
  }
});

test("the console shows the visitor's earlier conversation to the agent it was assigned to, who opens it decrypted; another agent gets nothing; the route refuses bad calls", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { siteId, teamId } = await createTeamSite(stack, db, "earlier");
  const agent = await createAgent(stack, db, { name: "Earlier Agent", teams: [teamId] });
  const outsider = await createAgent(stack, db, { name: "Never Assigned", teams: [teamId], availability: "offline" });
  const page = await agentSignsIn(browser, stack, agent);
  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  visitors.push(v);

  // The first conversation: answered, then closed by the agent; the router and the console leave it after the grace.
  const first = await v.startConversation(siteId);
  const question = `My order ${nonce()} is late`;
  await v.send(first, question);
  const nav = page.getByRole("navigation", { name: "Conversations" });
  await nav.getByRole("button", { name: /Visitor/ }).click();
  await expect(page.locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 60_000 });
  const answer = `Sent again today ${nonce()}.`;
  await agentSends(page, answer);
  await v.waitForMessage(first, answer);
  await page.getByRole("button", { name: "Close conversation" }).click();
  await expect(page.getByText("This conversation is closed.")).toBeVisible();
  await eventually(
    "the router and then the console left the room",
    async () => {
      const members = await serverMembers(stack, v.client, first);
      return members.get(stack.router.userId) === "leave" && members.get(agent.userId) === "leave" ? true : undefined;
    },
    GRACE_MS + 40_000,
  );

  // The same visitor comes back: a new conversation, routed to the same agent.
  const second = await v.startConversation(siteId);
  const later = `Still waiting ${nonce()}`;
  await v.send(second, later);
  await nav
    .getByRole("button", { name: /Visitor/ })
    .first()
    .click();
  await expect(page.locator("li.theirs", { hasText: later })).toBeVisible({ timeout: 60_000 });

  // Beside it: the earlier conversation (metadata), opened in the Closed view, decrypted.
  const earlier = page.getByTestId("earlier-conversations");
  await earlier.getByText("Earlier conversations with this visitor (1)").click();
  const rows = earlier.getByRole("list", { name: "Earlier conversations with this visitor" }).getByRole("listitem");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("closed");
  await rows.first().getByRole("button", { name: "Open" }).click();
  const history = page.getByRole("region", { name: "Closed conversation" });
  await expect(history.locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 30_000 });
  await expect(history.locator("li.mine", { hasText: answer })).toBeVisible();
  await expect(history.locator("li", { hasText: later })).toHaveCount(0);

  // What the route gives: the assigned agent the earlier one (metadata only, no text) ...
  const query = `/api/agent/visitor-conversations?visitor=${encodeURIComponent(v.userId)}&except=${encodeURIComponent(second)}`;
  const agentApi = await consoleSession(stack, agent);
  const mine = (await (await agentApi.get(query)).json()) as { conversations: { roomId: string; status: string }[] };
  expect(mine.conversations.map((c) => [c.roomId, c.status])).toEqual([[first, "closed"]]);
  expect(JSON.stringify(mine)).not.toContain(question);
  // ... an agent of the same team never assigned to either: nothing, with or without `except`.
  const outsiderApi = await consoleSession(stack, outsider);
  for (const path of [query, `/api/agent/visitor-conversations?visitor=${encodeURIComponent(v.userId)}`]) {
    const res = await outsiderApi.get(path);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ conversations: [] });
  }
  // Bad input: a clear 400, from anyone signed in.
  for (const bad of ["", "?visitor=not-a-user", `?visitor=${encodeURIComponent(v.userId)}&except=not-a-room`]) {
    const res = await agentApi.get(`/api/agent/visitor-conversations${bad}`);
    expect(res.status(), bad).toBe(400);
    expect(((await res.json()) as { error?: string }).error).toBeTruthy();
  }
  // No console session (nothing, or the visitor's own Matrix token): 401.
  const anonymous = await request.newContext({ baseURL: stack.appUrl });
  expect((await anonymous.get(query)).status()).toBe(401);
  expect((await anonymous.get(query, { headers: { authorization: `Bearer ${v.client.getAccessToken()}` } })).status()).toBe(401);
  await Promise.all([agentApi.dispose(), outsiderApi.dispose(), anonymous.dispose()]);
});
