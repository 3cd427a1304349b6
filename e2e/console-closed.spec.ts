import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentSends, agentSignsIn } from "./helpers";
import { startRouter, stackInfo, stopRouters, type StackInfo } from "./stack-info";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { consoleSession } from "./support/org-roster";
import { conversationRow, createAgent, createTeamSite, eventually, serverMembers, testDb } from "./support/routing-fixtures";
import { loginToken, synapseCall } from "./support/synapse-client";

// The agent's console leaves a closed conversation once the router has (after its reopening grace), lists it
// under Closed from our database, and reads it again on demand as a member who left: decrypted, nothing rejoined.
test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
const visitors: NodeVisitor[] = [];
const GRACE_MS = 15_000;

test.beforeAll(async () => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "600000", ROUTER_CLOSED_GRACE_MS: String(GRACE_MS) });
});
test.afterAll(async () => {
  for (const v of visitors) v.stop();
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "15000" });
  await end();
});

test("a closed conversation is left after the router's grace, listed under Closed from our database, and read again decrypted without rejoining; an agent never on it gets 403", async ({
  browser,
}) => {
  const { siteId, teamId } = await createTeamSite(stack, db, "closedview");
  const agent = await createAgent(stack, db, { name: "Closed Agent", teams: [teamId] });
  const outsider = await createAgent(stack, db, { name: "Outsider Agent", teams: [teamId], availability: "offline" });
  const page = await agentSignsIn(browser, stack, agent);

  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  visitors.push(v);
  const roomId = await v.startConversation(siteId);
  const question = `Where is my parcel ${Date.now()}?`;
  await v.send(roomId, question);
  const nav = page.getByRole("navigation", { name: "Conversations" });
  await nav.getByRole("button", { name: /Visitor/ }).click();
  await expect(page.locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 60_000 });
  const answer = `It left the depot ${Date.now()}.`;
  await agentSends(page, answer);
  await v.waitForMessage(roomId, answer);

  // Closed from the console; within the router's grace both stay, so a late message would go back to this agent.
  await page.getByRole("button", { name: "Close conversation" }).click();
  await expect(page.getByText("This conversation is closed.")).toBeVisible();
  expect((await serverMembers(stack, v.client, roomId)).get(agent.userId)).toBe("join");

  // After the grace the router leaves, and then the console: Synapse's own membership says so.
  await eventually(
    "the router and then the console left the room",
    async () => {
      const members = await serverMembers(stack, v.client, roomId);
      return members.get(stack.router.userId) === "leave" && members.get(agent.userId) === "leave" ? true : undefined;
    },
    GRACE_MS + 40_000,
  );

  // The Closed view lists it from our database; opening it shows the earlier messages, decrypted, read-only.
  await nav.getByRole("tab", { name: "Closed" }).click();
  const closedList = page.getByRole("list", { name: "Closed conversations" });
  await expect(closedList.getByRole("button", { name: /Visitor/ })).toHaveCount(1);
  await closedList.getByRole("button", { name: /Visitor/ }).click();
  const history = page.getByRole("region", { name: "Closed conversation" });
  await expect(history.locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 30_000 });
  await expect(history.locator("li.mine", { hasText: answer })).toBeVisible();
  await expect(history.getByRole("textbox", { name: "Reply", exact: true })).toHaveCount(0);
  // Nothing rejoined: the visitor's room has the same members as before, and the opening is on record.
  expect((await serverMembers(stack, v.client, roomId)).get(agent.userId)).toBe("leave");
  const reads = await db
    .select()
    .from(schema.closedReads)
    .where(and(eq(schema.closedReads.roomId, roomId), eq(schema.closedReads.agentUserId, agent.userId)));
  expect(reads.length).toBeGreaterThan(0);
  expect(await conversationRow(db, roomId)).toMatchObject({ status: "closed" });

  // A cold start of the console reads it again the same way (this browser's keys; the room is not in its sync).
  await page.reload();
  await expect(nav).toBeVisible({ timeout: 60_000 });
  await nav.getByRole("tab", { name: "Closed" }).click();
  await page
    .getByRole("list", { name: "Closed conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click();
  await expect(page.getByRole("region", { name: "Closed conversation" }).locator("li.theirs", { hasText: question })).toBeVisible({ timeout: 30_000 });

  // An agent of the same team who was never on it: our route refuses (403, nothing recorded), our list has nothing,
  // and Synapse itself refuses its history.
  const outsiderApi = await consoleSession(stack, outsider);
  const refused = await outsiderApi.post("/api/agent/closed/open", { data: { roomId } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toMatch(/assigned/);
  expect((await (await outsiderApi.get("/api/agent/closed")).json()) as object).toEqual({ conversations: [], next: null });
  expect(await db.select().from(schema.closedReads).where(eq(schema.closedReads.agentUserId, outsider.userId))).toEqual([]);
  const token = await loginToken(stack, outsider);
  expect((await synapseCall(stack, token, "GET", `/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=10`)).status).toBe(403);
  expect((await synapseCall(stack, token, "GET", `/rooms/${encodeURIComponent(roomId)}/initialSync`)).status).toBe(403);
  // Malformed input: a clear 400.
  expect((await outsiderApi.post("/api/agent/closed/open", { data: { roomId: "not a room" } })).status()).toBe(400);
  expect((await outsiderApi.get("/api/agent/closed?cursor=nonsense")).status()).toBe(400);
  await outsiderApi.dispose();
});
