import { DatabaseSync } from "node:sqlite";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { closeConversation, type Db } from "../lib/conversation/transitions";
import { currentRouting } from "../lib/matrix/current-routing";
import { startRouter, stackInfo, stopRouters, type StackInfo } from "./stack-info";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { ourTablesNaming as tablesNaming } from "./support/our-tables";
import { conversationRow, createAgent, createTeamSite, eventually, serverMembers, testDb, type TestAgent } from "./support/routing-fixtures";

// Retention and erasure against the real stack: Synapse's own database is read to prove a purge,
// the admin API to prove a deactivation, and every row of ours to prove nothing names what was erased.
test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
const running: { stop(): unknown }[] = [];
/** Sites of other specs keep their conversations while this spec's router counts retention in seconds. */
let otherSites: { id: string; retentionDays: number }[] = [];

const GRACE_MS = 8_000;

test.beforeAll(async () => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
  otherSites = await db.select({ id: schema.sites.id, retentionDays: schema.sites.retentionDays }).from(schema.sites);
  if (otherSites.length > 0)
    await db
      .update(schema.sites)
      .set({ retentionDays: 0 })
      .where(
        inArray(
          schema.sites.id,
          otherSites.map((s) => s.id),
        ),
      );
  await stopRouters();
  // A site's retention counts in seconds here (tests only), checked every second.
  // Prepared rooms nobody writes in: left after 3 s, purged as soon as left.
  await startRouter({
    ROUTER_NO_SHOW_MS: "600000",
    ROUTER_CLOSED_GRACE_MS: String(GRACE_MS),
    RETENTION_UNIT_SECONDS: "1",
    RETENTION_INTERVAL_MS: "1000",
    ROUTER_PREPARED_TTL_MS: "3000",
    RETENTION_ABANDONED_MS: "0",
  });
});
test.afterAll(async () => {
  for (const r of running) await r.stop();
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "15000" });
  for (const s of otherSites) await db.update(schema.sites).set({ retentionDays: s.retentionDays }).where(eq(schema.sites.id, s.id));
  await end();
});

async function visitor(siteId: string): Promise<NodeVisitor> {
  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
  running.push(v);
  return v;
}
async function agentClient(a: TestAgent): Promise<NodeAgent> {
  const n = await startNodeAgent({ baseUrl: stack.synapseUrl, username: a.username, password: a.password });
  running.push({ stop: () => n.stop().catch(() => {}) });
  return n;
}

/** A visitor's conversation taken by the team's agent (joined), with one message each way. */
async function activeConversation(siteId: string, agent: NodeAgent, tag: string): Promise<{ v: NodeVisitor; roomId: string }> {
  const v = await visitor(siteId);
  const roomId = await v.startConversation(siteId);
  await agent.join(await agent.waitForInvite((r) => r === roomId, 30_000));
  await eventually(`${roomId} active`, async () => ((await conversationRow(db, roomId))?.status === "active" ? true : undefined));
  await v.send(roomId, `visitor says ${tag}`);
  await agent.waitForMessage(roomId, `visitor says ${tag}`);
  await agent.sendText(roomId, `agent says ${tag}`);
  await v.waitForMessage(roomId, `agent says ${tag}`);
  return { v, roomId };
}

/** The agent closes the conversation, as the console's Close does (the same transition). */
async function agentCloses(roomId: string): Promise<void> {
  await (db as unknown as Db).transaction((tx) => closeConversation(tx, roomId, "agent", new Date()).then(() => {}));
}

/** Rows of Synapse's own database that name the room (events, their JSON, state, memberships). */
async function synapseRowsOf(roomId: string): Promise<number> {
  const tables = ["events", "event_json", "current_state_events", "room_memberships", "rooms"];
  const d = stack.synapseDatabase;
  if (d.kind === "sqlite") {
    const sqlite = new DatabaseSync(d.file, { readOnly: true });
    try {
      return tables.reduce((n, t) => n + Number((sqlite.prepare(`select count(*) as n from ${t} where room_id = ?`).get(roomId) as { n: number }).n), 0);
    } finally {
      sqlite.close();
    }
  }
  const sql = connectPostgres(d.url, 1);
  try {
    let n = 0;
    for (const t of tables) n += Number((await sql.unsafe(`select count(*)::int as n from ${t} where room_id = $1`, [roomId]))[0]?.n ?? 0);
    return n;
  } finally {
    await sql.end();
  }
}

/** Every table of ours whose rows mention `value` (e2e/support/our-tables.ts, on this stack's database). */
const ourTablesNaming = (value: string): Promise<string[]> => tablesNaming(stack.databaseUrl, value);

/** What Synapse's admin API says of an account. */
async function account(userId: string): Promise<{ deactivated?: boolean; erased?: boolean }> {
  const res = await fetch(`${stack.synapseUrl}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${stack.admin.accessToken}` },
  });
  return (await res.json()) as { deactivated?: boolean; erased?: boolean };
}
const whoamiStatus = async (token: string): Promise<number> =>
  (await fetch(`${stack.synapseUrl}/_matrix/client/v3/account/whoami`, { headers: { authorization: `Bearer ${token}` } })).status;

/** A console session for an agent without a browser: Synapse login, then next-auth's credentials sign-in with the token. */
async function consoleSession(request: APIRequestContext, a: TestAgent): Promise<void> {
  const login = await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: a.username }, password: a.password }),
  });
  const { access_token: accessToken } = (await login.json()) as { access_token: string };
  const { csrfToken } = (await (await request.get(`${stack.appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await request.post(`${stack.appUrl}/api/auth/callback/matrix`, { form: { csrfToken, accessToken, json: "true" } });
  expect(res.status()).toBeLessThan(400);
  expect((await (await request.get(`${stack.appUrl}/api/auth/session`)).json()) as object).toMatchObject({ user: { id: a.userId } });
}

test("the router leaves a closed conversation after the grace; a visitor's message within the grace reopens it and the agent reads it", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "grace");
  await db.update(schema.sites).set({ retentionDays: 0 }).where(eq(schema.sites.id, siteId));
  const agent = await agentClient(await createAgent(stack, db, { name: "grace-agent", teams: [teamId] }));
  const { v, roomId } = await activeConversation(siteId, agent, "hello");

  await agentCloses(roomId);
  await eventually("the visitor sees the close", async () => (currentRouting(v.client, roomId)?.status === "closed" ? true : undefined));
  // A late message, within the grace: the conversation is open again, with the same agent, who reads it.
  await v.send(roomId, "one more question");
  await eventually(`${roomId} reopened`, async () => ((await conversationRow(db, roomId))?.status === "active" ? true : undefined));
  expect(await conversationRow(db, roomId)).toMatchObject({ status: "active", agentUserId: agent.userId, closedAt: null, routerLeftAt: null });
  await eventually("the visitor sees it open again", async () => (currentRouting(v.client, roomId)?.status === "active" ? true : undefined));
  expect(await agent.waitForMessage(roomId, "one more question")).toMatchObject({ sender: v.userId, encrypted: true });

  // Closed again and nothing more: after the grace the router leaves the room, and a later message changes nothing.
  await agentCloses(roomId);
  await eventually("the visitor sees the second close", async () => (currentRouting(v.client, roomId)?.status === "closed" ? true : undefined));
  expect((await serverMembers(stack, v.client, roomId)).get(stack.router.userId)).toBe("join");
  await eventually(
    "the router left the room",
    async () => ((await serverMembers(stack, v.client, roomId)).get(stack.router.userId) === "leave" ? true : undefined),
    GRACE_MS + 20_000,
  );
  // The runner records the leave once Synapse has answered it: the row follows the membership.
  await eventually("the leave recorded", async () => ((await conversationRow(db, roomId))?.routerLeftAt ? true : undefined), 10_000);
  await v.send(roomId, "too late");
  await new Promise((r) => setTimeout(r, 3_000));
  expect(await conversationRow(db, roomId)).toMatchObject({ status: "closed", closedReason: "agent" });
});

test("after the site's retention, Synapse holds no event of the room, the visitor's account is erased, and no row of ours names either", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "retention");
  const agent = await agentClient(await createAgent(stack, db, { name: "retention-agent", teams: [teamId] }));
  const { v, roomId } = await activeConversation(siteId, agent, "secret");
  const token = v.client.getAccessToken()!;
  v.stop(); // the visitor has gone (their client would only log the erased token's 401s)
  // Retention in seconds in this test's router: 600 "days" keep it for now.
  await db.update(schema.sites).set({ retentionDays: 600 }).where(eq(schema.sites.id, siteId));
  await agentCloses(roomId);
  const closedBefore = await db.select().from(schema.conversationStats).where(eq(schema.conversationStats.siteId, siteId));
  expect(closedBefore).toEqual([]);
  await new Promise((r) => setTimeout(r, 3_000));
  expect(await synapseRowsOf(roomId)).toBeGreaterThan(0);
  expect(await conversationRow(db, roomId)).toBeDefined();

  await db.update(schema.sites).set({ retentionDays: 2 }).where(eq(schema.sites.id, siteId));
  await eventually(`${roomId} erased from our database`, async () => ((await conversationRow(db, roomId)) ? undefined : true), 60_000);
  expect(await synapseRowsOf(roomId)).toBe(0);
  await eventually("the visitor's account erased", async () => ((await account(v.userId)).deactivated ? true : undefined), 30_000);
  expect(await account(v.userId)).toMatchObject({ deactivated: true, erased: true });
  expect(await whoamiStatus(token)).toBe(401);
  // Only the agents' pending crypto-shredding names it until their consoles delete its keys (e2e/erasure-console.spec.ts).
  expect(await ourTablesNaming(roomId)).toEqual(["erased_room_keys"]);
  expect(await ourTablesNaming(v.userId)).toEqual([]);
  // What remains: counts, naming no room and no visitor.
  const [stats] = await db.select().from(schema.conversationStats).where(eq(schema.conversationStats.siteId, siteId));
  expect(stats).toMatchObject({ conversations: 1, agentUserId: agent.userId, waits: 1, firstResponses: 1 });
});

test("a prepared room nobody wrote in is left by the router, then purged from Synapse with its visitor's account", async () => {
  const { siteId } = await createTeamSite(stack, db, "abandoned");
  const v = await visitor(siteId);
  const roomId = await v.prepare(siteId);
  v.stop(); // the chat was opened, then the tab closed
  // The router is in it (invited or already joined, then gone after 3 s): its leave records it as abandoned.
  expect(["invite", "join", "leave"]).toContain((await serverMembers(stack, v.client, roomId)).get(stack.router.userId));
  expect(await synapseRowsOf(roomId)).toBeGreaterThan(0);
  await eventually(`${roomId} purged`, async () => ((await synapseRowsOf(roomId)) === 0 ? true : undefined), 60_000);
  expect(await conversationRow(db, roomId)).toBeUndefined();
  await eventually("the visitor's account erased", async () => ((await account(v.userId)).deactivated ? true : undefined), 30_000);
  expect(await ourTablesNaming(roomId)).toEqual([]);
  expect(await ourTablesNaming(v.userId)).toEqual([]);
});

test("the operator erase API: 401 without a session, 403 for an agent, 400 for a bad id, then 200 and nothing of the visitor left", async ({ playwright }) => {
  const { siteId, teamId } = await createTeamSite(stack, db, "erase");
  const agentAccount = await createAgent(stack, db, { name: "erase-agent", teams: [teamId] });
  const agent = await agentClient(agentAccount);
  const opAccount = await createAgent(stack, db, { name: "erase-operator", teams: [] });
  await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, opAccount.userId));
  const { v, roomId } = await activeConversation(siteId, agent, "gdpr"); // open: erasure does not wait for retention
  const url = `${stack.appUrl}/api/operator/visitors/erase`;
  const body = { user_id: v.userId };

  const anonymous = await playwright.request.newContext();
  expect((await anonymous.post(url, { data: body })).status()).toBe(401);
  const asAgent = await playwright.request.newContext();
  await consoleSession(asAgent, agentAccount);
  expect((await asAgent.post(url, { data: body })).status()).toBe(403);
  const op = await playwright.request.newContext();
  await consoleSession(op, opAccount);
  for (const bad of [{ user_id: "not-a-user" }, { user_id: agentAccount.userId }, { user_id: v.userId, extra: 1 }, {}]) {
    const res = await op.post(url, { data: bad });
    expect(res.status(), JSON.stringify(bad)).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/user_id|extra|Unrecognized/i);
  }
  // Nothing changed so far.
  expect(await conversationRow(db, roomId)).toBeDefined();
  expect((await account(v.userId)).deactivated).toBe(false);
  expect((await account(agentAccount.userId)).deactivated).toBe(false);

  v.stop();
  const done = await op.post(url, { data: body });
  expect(done.status()).toBe(200);
  expect(await done.json()).toEqual({ erased: v.userId, conversations: 1 });
  expect(await synapseRowsOf(roomId)).toBe(0);
  expect(await account(v.userId)).toMatchObject({ deactivated: true, erased: true });
  // Only the agents' pending crypto-shredding names it until their consoles delete its keys (e2e/erasure-console.spec.ts).
  expect(await ourTablesNaming(roomId)).toEqual(["erased_room_keys"]);
  expect(await ourTablesNaming(v.userId)).toEqual([]);
  const audit = await db.select().from(schema.erasures).where(eq(schema.erasures.visitorUserId, v.userId));
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ erasedBy: opAccount.userId, conversations: 1 });
  expect(JSON.stringify(audit[0])).not.toContain(roomId);
  // Idempotent: again, 200, nothing more to erase.
  const again = await op.post(url, { data: body });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ erased: v.userId, conversations: 0 });

  // The site's retention is the operator's to set: agents cannot, bad values change nothing.
  const retention = `${stack.appUrl}/api/operator/sites/retention`;
  expect((await anonymous.put(retention, { data: { siteId, retentionDays: 1 } })).status()).toBe(401);
  expect((await asAgent.put(retention, { data: { siteId, retentionDays: 1 } })).status()).toBe(403);
  expect((await op.put(retention, { data: { siteId, retentionDays: -1 } })).status()).toBe(400);
  expect((await op.put(retention, { data: { siteId, retentionDays: 1.5 } })).status()).toBe(400);
  expect((await op.put(retention, { data: { siteId: "no-such-site", retentionDays: 1 } })).status()).toBe(404);
  expect((await db.select().from(schema.sites).where(eq(schema.sites.id, siteId)))[0]?.retentionDays).toBe(90);
  const set = await op.put(retention, { data: { siteId, retentionDays: 0 } });
  expect(await set.json()).toEqual({ id: siteId, retentionDays: 0 });
  expect((await (await op.get(retention)).json()) as { sites: unknown[] }).toMatchObject({ sites: expect.arrayContaining([{ id: siteId, retentionDays: 0 }]) });
  for (const c of [anonymous, asAgent, op]) await c.dispose();
});

test("a visitor deletes their own conversation and no one else's", async ({ playwright }) => {
  const { siteId, teamId } = await createTeamSite(stack, db, "own");
  const agent = await agentClient(await createAgent(stack, db, { name: "own-agent", teams: [teamId] }));
  const mine = await activeConversation(siteId, agent, "mine");
  const theirs = await activeConversation(siteId, agent, "theirs");
  const url = `${stack.appUrl}/api/visitor/conversations/delete`;
  const api = await playwright.request.newContext();
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const token = mine.v.client.getAccessToken()!;

  expect((await api.post(url, { data: { room_id: mine.roomId } })).status()).toBe(401);
  expect((await api.post(url, { data: { room_id: "not a room" }, ...as(token) })).status()).toBe(400);
  const other = await api.post(url, { data: { room_id: theirs.roomId }, ...as(token) });
  expect(other.status()).toBe(403);
  expect(((await other.json()) as { error: string }).error).toBe("That room is not one of your conversations");
  expect(await conversationRow(db, theirs.roomId)).toBeDefined();
  expect(await synapseRowsOf(theirs.roomId)).toBeGreaterThan(0);

  mine.v.stop();
  const res = await api.post(url, { data: { room_id: mine.roomId }, ...as(token) });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ deleted: mine.roomId, account_erased: true });
  expect(await synapseRowsOf(mine.roomId)).toBe(0);
  // Only the agents' pending crypto-shredding names it until their consoles delete its keys (e2e/erasure-console.spec.ts).
  expect(await ourTablesNaming(mine.roomId)).toEqual(["erased_room_keys"]);
  expect(await account(mine.v.userId)).toMatchObject({ deactivated: true });
  // The other visitor's conversation is untouched.
  expect(await conversationRow(db, theirs.roomId)).toMatchObject({ status: "active" });
  // Only an operator's erasure is audited: the visitor's own deletion leaves no row naming them.
  expect(await db.select().from(schema.erasures).where(eq(schema.erasures.visitorUserId, mine.v.userId))).toEqual([]);
  await api.dispose();
});
