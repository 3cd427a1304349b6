import { expect, test, type Browser, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentSignsInFirstTime, visitorOpensChat, visitorSends } from "./helpers";
import { stackInfo, type StackInfo } from "./stack-info";
import { startNodeVisitor } from "./support/node-visitor";
import { consoleSession } from "./support/org-roster";
import { ourTablesNaming } from "./support/our-tables";
import { conversationRow, createAgent, createTeamSite, eventually, testDb, type TestAgent } from "./support/routing-fixtures";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor } from "./support/widget-chat";

// The console and widget halves of retention and erasure (issue 14, item 2): crypto-shredding in the
// agent's console, the visitor's own "Delete this conversation", and the operator's settings and GDPR form.

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
test.beforeAll(() => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
});
test.afterAll(async () => end());

const admin = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${stack.synapseUrl}/_synapse/admin${path}`, { headers: { authorization: `Bearer ${stack.admin.accessToken}` } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
};

async function newOperator(name: string): Promise<TestAgent> {
  const operator = await createAgent(stack, db, { name, teams: [] });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operator.userId));
  return operator;
}

/** An operator, and a browser signed in to the console's pages as them (no Matrix client needed for the operator pages). */
async function operatorBrowser(browser: Browser, name: string): Promise<Page> {
  const operator = await newOperator(name);
  const ctx = await browser.newContext();
  const api = await consoleSession(stack, operator);
  await ctx.addCookies((await api.storageState()).cookies);
  await api.dispose();
  return ctx.newPage();
}

/** The agent's key backup for one room, with the agent's own token (what a fresh login with the recovery key would restore). */
async function backupCall(token: string, roomId: string, method: "GET" | "PUT" = "GET", body?: unknown): Promise<{ sessions?: Record<string, unknown> }> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const { version } = (await (await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/version`, { headers })).json()) as { version: string };
  const url = `${stack.synapseUrl}/_matrix/client/v3/room_keys/keys/${encodeURIComponent(roomId)}?version=${version}`;
  const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${method} room_keys: ${res.status}`);
  return (await res.json()) as { sessions?: Record<string, unknown> };
}

/** How many sessions of the room the backup holds, and every room it holds any of. */
async function backupSessions(token: string, roomId: string): Promise<{ room: number; roomsInBackup: string[] }> {
  const headers = { authorization: `Bearer ${token}` };
  const { version } = (await (await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/version`, { headers })).json()) as { version: string };
  const all = (await (await fetch(`${stack.synapseUrl}/_matrix/client/v3/room_keys/keys?version=${version}`, { headers })).json()) as {
    rooms: Record<string, unknown>;
  };
  return { room: Object.keys((await backupCall(token, roomId)).sessions ?? {}).length, roomsInBackup: Object.keys(all.rooms) };
}

const pendingShreds = (roomId: string, agentUserId: string) =>
  db
    .select()
    .from(schema.erasedRoomKeys)
    .where(and(eq(schema.erasedRoomKeys.roomId, roomId), eq(schema.erasedRoomKeys.agentUserId, agentUserId)));

test("after an erasure, the agent's console deletes the room's sessions from the key backup at its next start", async ({ browser }) => {
  const { siteId, teamId } = await createTeamSite(stack, db, "shred");
  const agent = await createAgent(stack, db, { name: "Shred Agent", teams: [teamId] });
  const { page: console_ } = await agentSignsInFirstTime(browser, stack, agent);
  const token = await console_.evaluate(() => (JSON.parse(localStorage.getItem("sealdesk:console:matrix") ?? "{}") as { accessToken: string }).accessToken);

  const { page: host, chat } = await visitorOpensChat(browser, stack, siteId);
  await visitorSends(chat, "my order number is 4711");
  await console_
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click();
  await expect(console_.locator("li.theirs", { hasText: "my order number is 4711" })).toContainText("· encrypted", { timeout: 30_000 });
  const { userId: visitorUserId, roomId } = await storedVisitor(host, siteId);
  if (!roomId) throw new Error("the widget stored no room");
  await eventually("the room's session in the agent's key backup", async () => ((await backupSessions(token, roomId)).room > 0 ? true : undefined), 60_000);
  const backedUp = await backupCall(token, roomId); // what another device of the agent could upload again later
  await host.context().close(); // the visitor has gone

  // The console is closed while the operator erases the visitor (a GDPR request).
  await console_.goto("about:blank");
  const op = await consoleSession(stack, await newOperator("Shred Operator"));
  const erased = await op.post("/api/operator/visitors/erase", { data: { user_id: visitorUserId } });
  expect(erased.status()).toBe(200);
  await op.dispose();
  expect((await admin(`/v1/rooms/${encodeURIComponent(roomId)}`)).status).toBe(404); // purged from Synapse
  // Synapse's purge drops the room's rows from every key backup on this server (e2e_room_keys is among its tables)...
  expect((await backupSessions(token, roomId)).room).toBe(0);
  // ...but a device of the agent that was offline (or keys that reached it late) uploads the sessions again after the purge,
  // which the server accepts for any room id. Our database names the room only in the agent's pending shredding.
  await backupCall(token, roomId, "PUT", backedUp);
  expect((await backupSessions(token, roomId)).room).toBeGreaterThan(0);
  expect(await pendingShreds(roomId, agent.userId)).toHaveLength(1);
  expect(await ourTablesNaming(stack.databaseUrl, roomId)).toEqual(["erased_room_keys"]);

  // The agent's next start: the console finds the erased room, deletes its keys and acknowledges.
  await console_.goto(`${stack.appUrl}/inbox`);
  await expect(console_.getByRole("navigation", { name: "Conversations" })).toBeVisible({ timeout: 60_000 });
  await eventually("the pending shredding acknowledged", async () => ((await pendingShreds(roomId, agent.userId)).length === 0 ? true : undefined), 60_000);
  const after = await backupSessions(token, roomId);
  expect(after.room).toBe(0);
  expect(after.roomsInBackup).not.toContain(roomId);
  expect(await ourTablesNaming(stack.databaseUrl, roomId)).toEqual([]);
});

test("a visitor deletes their conversation from the widget: confirmed in an alertdialog, purged from Synapse, and the chat starts fresh", async ({
  browser,
}) => {
  const site = await siteWithNodeAgent(stack, "delete-own");
  try {
    const { page, chat } = await openChat(await browser.newContext(), stack, site.siteId);
    await visitorSends(chat, "please forget me");
    const visitor = await storedVisitor(page, site.siteId);
    const roomId = await agentJoins(site.agent, visitor.userId);
    await site.agent.sendText(roomId, "Sure, one moment");
    await expect(chat.getByText("Sure, one moment")).toBeVisible({ timeout: 30_000 });

    // Keyboard only: the button, then the dialog with focus on Cancel; Escape leaves it and deletes nothing.
    const deleteButton = chat.getByRole("button", { name: "Delete this conversation" });
    await deleteButton.focus();
    await deleteButton.press("Enter");
    const dialog = chat.getByRole("alertdialog", { name: "Delete this conversation?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("deleted from our server");
    await expect(dialog).toContainText("may already have read it");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(chat.getByRole("textbox", { name: "Message" })).toBeVisible(); // the chat stayed open
    expect((await admin(`/v1/rooms/${encodeURIComponent(roomId)}`)).status).toBe(200);

    await deleteButton.press("Enter");
    await dialog.getByRole("button", { name: "Delete", exact: true }).press("Enter");
    await expect(chat.getByRole("status").filter({ hasText: "The conversation was deleted." })).toBeVisible({ timeout: 60_000 });
    // The room is gone from Synapse, the account erased, and the widget starts as a new visitor with no messages.
    expect((await admin(`/v1/rooms/${encodeURIComponent(roomId)}`)).status).toBe(404);
    expect((await admin(`/v2/users/${encodeURIComponent(visitor.userId)}`)).body).toMatchObject({ deactivated: true, erased: true });
    await expect(chat.getByText("please forget me")).toHaveCount(0);
    await expect(chat.getByText("Sure, one moment")).toHaveCount(0);
    await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled({ timeout: 60_000 });
    await expect(chat.getByRole("button", { name: "Delete this conversation" })).toBeHidden();
    await eventually("a new visitor stored", async () => {
      const now = await storedVisitor(page, site.siteId).catch(() => null);
      return now?.userId && now.userId !== visitor.userId ? true : undefined;
    });
  } finally {
    await site.stop();
  }
});

test("an operator sets a site's retention in the Sites page and reads it back after a reload, and erases a visitor through the form", async ({ browser }) => {
  const { siteId } = await createTeamSite(stack, db, "privacy");
  const page = await operatorBrowser(browser, "Privacy Operator");
  await page.goto(`${stack.appUrl}/operator/sites`);
  const form = page.getByRole("form", { name: `Retention of privacy (${siteId})` });
  const days = form.getByRole("spinbutton");
  await expect(days).toHaveValue("90");
  await days.fill("7");
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form.getByRole("status")).toHaveText("privacy: conversations are erased 7 days after they close");
  await page.reload();
  await expect(page.getByRole("form", { name: `Retention of privacy (${siteId})` }).getByRole("spinbutton")).toHaveValue("7");
  expect((await db.select().from(schema.sites).where(eq(schema.sites.id, siteId)))[0]?.retentionDays).toBe(7);

  // A GDPR request: a visitor with a conversation waiting in the queue.
  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  const roomId = await v.startConversation(siteId);
  // Nobody of the team to invite: the prepared room becomes a conversation with the visitor's first message, as in the widget.
  await v.send(roomId, "please erase everything about me");
  v.stop();
  // The router has recorded it (until then the erasure purges the room but counts no conversation).
  await eventually(`${roomId} recorded`, async () => ((await conversationRow(db, roomId)) ? true : undefined), 30_000);
  const erase = page.getByRole("form", { name: "Erase a visitor" });
  await erase.getByRole("textbox").fill(v.userId);
  await erase.getByRole("button", { name: "Erase…" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Erase ${v.userId} and every conversation of theirs now?`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect((await admin(`/v2/users/${encodeURIComponent(v.userId)}`)).body).toMatchObject({ deactivated: false }); // nothing yet
  await erase.getByRole("button", { name: "Erase…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Erase now" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Erased ${v.userId}: 1 conversation deleted.` })).toBeVisible({ timeout: 60_000 });
  expect((await admin(`/v2/users/${encodeURIComponent(v.userId)}`)).body).toMatchObject({ deactivated: true, erased: true });
  expect((await admin(`/v1/rooms/${encodeURIComponent(roomId)}`)).status).toBe(404);
  const audit = await db.select().from(schema.erasures).where(eq(schema.erasures.visitorUserId, v.userId));
  expect(audit).toHaveLength(1);
});

test("the erased-rooms API: 401 without a session, 400 for bad input, and an agent lists and acknowledges only their own rows", async ({ request }) => {
  const url = `${stack.appUrl}/api/agent/erased-rooms`;
  expect((await request.get(url)).status()).toBe(401);
  expect((await request.post(url, { data: { roomIds: ["!a:x"] } })).status()).toBe(401);
  const me = await createAgent(stack, db, { name: "Shred Me", teams: [] });
  const other = await createAgent(stack, db, { name: "Shred Other", teams: [] });
  const [mine, theirs] = [`!mine-${Date.now()}:x`, `!theirs-${Date.now()}:x`];
  await db.insert(schema.erasedRoomKeys).values([
    { roomId: mine, agentUserId: me.userId },
    { roomId: theirs, agentUserId: other.userId },
  ]);
  const api = await consoleSession(stack, me);
  expect(await (await api.get("/api/agent/erased-rooms")).json()).toEqual({ roomIds: [mine] });
  for (const bad of [{}, { roomIds: [] }, { roomIds: ["not a room"] }, { roomIds: [mine], extra: 1 }]) {
    const res = await api.post("/api/agent/erased-rooms", { data: bad });
    expect(res.status(), JSON.stringify(bad)).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/roomIds|extra|Unrecognized/i);
  }
  // Another agent's room: nothing acknowledged, their row stays.
  expect(await (await api.post("/api/agent/erased-rooms", { data: { roomIds: [theirs] } })).json()).toEqual({ acknowledged: 0 });
  expect(await pendingShreds(theirs, other.userId)).toHaveLength(1);
  expect(await (await api.post("/api/agent/erased-rooms", { data: { roomIds: [mine] } })).json()).toEqual({ acknowledged: 1 });
  expect(await (await api.get("/api/agent/erased-rooms")).json()).toEqual({ roomIds: [] });
  await api.dispose();
  await db.delete(schema.erasedRoomKeys).where(eq(schema.erasedRoomKeys.roomId, theirs));
});
