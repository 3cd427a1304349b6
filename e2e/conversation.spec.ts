import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { connectPostgres } from "../drizzle/connect";
import { agentSends, agentSignsIn, visitorOpensChat, visitorSends } from "./helpers";
import { findPlaintext } from "./plaintext-scan";
import { stackInfo } from "./stack-info";
import { defined } from "../lib/testing/defined";

test("a visitor and an agent talk end to end encrypted; no server stores the text", async ({ browser }) => {
  const stack = stackInfo();
  const question = `Where is my order ${randomBytes(6).toString("hex")}?`;
  const answer = `It ships today ${randomBytes(6).toString("hex")}.`;

  const agent = await agentSignsIn(browser, stack);
  const { chat } = await visitorOpensChat(browser, stack);

  await visitorSends(chat, question);
  // Delivered: "sent", or already "seen" when the console reads it first.
  await expect(chat.locator("li.mine", { hasText: question })).toHaveAttribute("data-state", /^(sent|seen)$/);
  // The router assigns the conversation and the widget invites the agent with the room history.
  await expect(chat.getByText("You're chatting with Demo Agent.")).toBeVisible();

  const conversation = agent.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Visitor/ });
  await expect(conversation).toHaveCount(1);
  await conversation.click();
  // Decrypted in the agent's browser, from the key bundle the visitor's client shared on invite.
  await expect(agent.locator("li.theirs", { hasText: question })).toBeVisible();
  await expect(agent.locator("li.theirs", { hasText: question })).toContainText("· encrypted");

  await agentSends(agent, answer);
  await expect(chat.locator("li.theirs", { hasText: answer })).toBeVisible();
  await expect(chat.locator("li.theirs", { hasText: answer }).locator(".sender")).toHaveText("Demo Agent");

  // Markup in a message is shown as text on both sides and never runs.
  const markup = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script><b>bold</b>`;
  await visitorSends(chat, markup);
  await expect(agent.locator("li.theirs", { hasText: markup })).toBeVisible();
  await agentSends(agent, markup);
  await expect(chat.locator("li.theirs", { hasText: markup })).toBeVisible();
  expect(await agent.locator(".messages img, .messages script, .messages b").count()).toBe(0);
  expect(await chat.locator(".messages img, .messages script, .messages b").count()).toBe(0);
  expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // What an attacker with the servers' storage gets: no message text anywhere.
  const db = connectPostgres(stack.databaseUrl, 1);
  const row = await db<
    { room_id: string; status: string; agent_user_id: string; visitor_user_id: string }[]
  >`select * from conversations where site_id = 'demo' order by created_at desc limit 1`.then(([r]) => defined(r, "the demo site's conversation")); // other specs use sites of their own
  await db.end();
  expect(row).toMatchObject({ status: "active", agent_user_id: stack.agent.userId });
  // The scanner does find stored metadata, so a miss below means the text is really absent.
  expect(await findPlaintext(stack, [row.visitor_user_id])).not.toHaveLength(0);
  expect(await findPlaintext(stack, [question, answer])).toEqual([]);

  // The room's messages are m.room.encrypted on the server (read with an admin's token).
  const res = await fetch(`${stack.synapseUrl}/_synapse/admin/v1/rooms/${encodeURIComponent(row.room_id)}/messages?dir=f&limit=100`, {
    headers: { authorization: `Bearer ${stack.admin.accessToken}` },
  });
  expect(res.status).toBe(200);
  const { chunk } = (await res.json()) as { chunk: { type: string; sender: string; state_key?: string }[] };
  const messages = chunk.filter((e) => e.state_key === undefined);
  expect(messages.filter((e) => e.type === "m.room.encrypted").length).toBeGreaterThanOrEqual(2);
  expect(messages.filter((e) => e.type === "m.room.message")).toEqual([]);

  // The agent closes the conversation: both sides see it, and the visitor can start a new one.
  await agent.getByRole("button", { name: "Close conversation" }).click();
  await expect(chat.getByText("This conversation has ended.")).toBeVisible();
  await expect(agent.getByText("This conversation is closed.")).toBeVisible();
  await chat.getByRole("button", { name: "Start a new conversation" }).click();
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled();
  await expect(chat.locator("li")).toHaveCount(0);

  // The operator sees routing figures (metadata only); an agent sets their capacity.
  await agent.getByLabel("Capacity").fill("3");
  await expect.poll(async () => (await (await agent.request.get(`${stack.appUrl}/api/agent/availability`)).json()).maxConcurrent).toBe(3);
  await agent.goto(`${stack.appUrl}/operator/metrics`);
  await expect(agent.getByRole("heading", { name: "Routing" })).toBeVisible();
  await expect(agent.getByRole("row", { name: /Demo Agent/ })).toBeVisible();
  await expect(agent.getByText("Closed", { exact: true })).toBeVisible();
});

test("the router's account has no E2EE device, so no room key can reach it", async () => {
  const stack = stackInfo();
  const res = await fetch(`${stack.synapseUrl}/_matrix/client/v3/keys/query`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.router.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ device_keys: { [stack.router.userId]: [], [stack.agent.userId]: [] } }),
  });
  const body = (await res.json()) as { device_keys: Record<string, Record<string, unknown>> };
  expect(Object.keys(body.device_keys[stack.router.userId] ?? {})).toEqual([]);
  // Control: the agent, who signed in in a browser in the test above, does have a device with keys.
  expect(Object.keys(body.device_keys[stack.agent.userId] ?? {}).length).toBeGreaterThan(0);

  // The router, not the visitors, is exempt from Synapse's rate limits (set at install by an admin).
  const override = await fetch(`${stack.synapseUrl}/_synapse/admin/v1/users/${encodeURIComponent(stack.router.userId)}/override_ratelimit`, {
    headers: { authorization: `Bearer ${stack.admin.accessToken}` },
  });
  expect(await override.json()).toEqual({ messages_per_second: 0, burst_count: 0 });
});
