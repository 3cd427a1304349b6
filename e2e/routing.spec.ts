import { expect, test } from "@playwright/test";
import { and, asc, eq, isNull } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { currentRouting } from "../lib/matrix/current-routing";
import { defined } from "../lib/testing/defined";
import { startRouter, stackInfo, stopRouters, type StackInfo } from "./stack-info";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { conversationRow, createAgent, createTeamSite, eventually, testDb } from "./support/routing-fixtures";

test.describe.configure({ mode: "serial" });

// Set in beforeAll: the stack exists only once global-setup has run (not while tests are listed).
let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
let end: () => Promise<void>;
const running: { stop(): unknown }[] = [];

/** Restarts the router with these settings (no-show and inactivity timers). */
async function restartRouter(env: Record<string, string> = {}): Promise<void> {
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "600000", ...env });
}

const conversation = (roomId: string) => conversationRow(db, roomId);
// In the order they were made (without ORDER BY an updated row can come back last).
const assignmentsOf = (roomId: string) => db.select().from(schema.assignments).where(eq(schema.assignments.roomId, roomId)).orderBy(asc(schema.assignments.id));
const statusIs = (roomId: string, status: string) =>
  eventually(`${roomId} to be ${status}`, async () => ((await conversation(roomId))?.status === status ? conversation(roomId) : undefined));
const setAvailability = (userId: string, availability: "available" | "away" | "offline") =>
  db.update(schema.agents).set({ availability }).where(eq(schema.agents.userId, userId));

async function visitor(siteId: string, withCrypto = true): Promise<NodeVisitor> {
  const v = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, withCrypto });
  running.push(v);
  return v;
}
async function agentClient(a: { username: string; password: string }): Promise<NodeAgent> {
  const n = await startNodeAgent({ baseUrl: stack.synapseUrl, username: a.username, password: a.password });
  running.push({ stop: () => n.stop().catch(() => {}) });
  return n;
}

test.beforeAll(async () => {
  stack = stackInfo();
  ({ db, end } = testDb(stack));
  await restartRouter();
});
test.afterAll(async () => {
  for (const r of running) await r.stop();
  await restartRouter({ ROUTER_NO_SHOW_MS: "15000" });
  await end();
});

test("routes to the least busy available agent of the team, within capacity, then queues and assigns in arrival order", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "capacity");
  const a = await createAgent(stack, db, { name: "cap-a", teams: [teamId], maxConcurrent: 2 });
  const b = await createAgent(stack, db, { name: "cap-b", teams: [teamId], maxConcurrent: 1 });
  const c = await createAgent(stack, db, { name: "cap-c", teams: [teamId], availability: "away", maxConcurrent: 5 });
  await createAgent(stack, db, { name: "cap-other-team", teams: [], maxConcurrent: 9 });
  // Sorted by user id: the tie between idle agents goes to the first.
  const [first, second] = a.userId.localeCompare(b.userId) <= 0 ? [a, b] : [b, a];

  const v = await visitor(siteId, false);
  const rooms: string[] = [];
  const open = async (): Promise<string> => {
    const roomId = await v.startConversation(siteId);
    rooms.push(roomId);
    await eventually(`${roomId} recorded`, () => conversation(roomId));
    return roomId;
  };
  // Both idle: the tie goes to the user id; then the other one is the least busy.
  expect((await statusIs(await open(), "assigned"))?.agentUserId).toBe(first.userId);
  expect((await statusIs(await open(), "assigned"))?.agentUserId).toBe(second.userId);
  // B is at capacity (1), A has room for one more (2).
  expect((await statusIs(await open(), "assigned"))?.agentUserId).toBe(a.userId);
  // Everyone available is full; C is away: queued, in arrival order.
  const q1 = await open();
  await statusIs(q1, "queued");
  const q2 = await open();
  await statusIs(q2, "queued");
  // While queued, the whole team (whatever its availability) is listed to hold the keys.
  const routing = await eventually("queued routing state", async () => currentRouting(v.client, q1) ?? undefined);
  expect(routing.status).toBe("queued");
  expect([...routing.readers].sort()).toEqual([a.userId, b.userId, c.userId].sort());

  await setAvailability(c.userId, "available");
  const [r1, r2] = [await statusIs(q1, "assigned"), await statusIs(q2, "assigned")];
  expect([r1?.agentUserId, r2?.agentUserId]).toEqual([c.userId, c.userId]);
  expect(r1!.assignedAt!.getTime()).toBeLessThanOrEqual(r2!.assignedAt!.getTime());
  for (const roomId of rooms) expect(await assignmentsOf(roomId)).toHaveLength(1);
});

test("a queued conversation is read in full by the agent who takes it later, after the visitor has left", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "queue");
  const d = await createAgent(stack, db, { name: "queue-d", teams: [teamId], availability: "offline" });
  const dClient = await agentClient(d); // logged in (a device), but set offline
  const v = await visitor(siteId);
  const roomId = await v.startConversation(siteId);
  await v.send(roomId, "first while queued");
  await statusIs(roomId, "queued");
  await v.send(roomId, "second while queued");
  await eventually("the queued team member invited", async () => (v.client.getRoom(roomId)?.getMember(d.userId)?.membership === "invite" ? true : undefined));
  v.stop();

  await setAvailability(d.userId, "available");
  await statusIs(roomId, "assigned");
  await dClient.join(await dClient.waitForInvite((r) => r === roomId));
  await statusIs(roomId, "active");
  expect((await dClient.waitForMessage(roomId, "first while queued")).encrypted).toBe(true);
  expect((await dClient.waitForMessage(roomId, "second while queued")).encrypted).toBe(true);
});

test("an agent who does not accept in time is skipped; the next one reads the history and the stale invite is withdrawn", async () => {
  await restartRouter({ ROUTER_NO_SHOW_MS: "4000" });
  const { siteId, teamId } = await createTeamSite(stack, db, "noshow");
  const e = await createAgent(stack, db, { name: "noshow-e", teams: [teamId] });
  const f = await createAgent(stack, db, { name: "noshow-f", teams: [teamId] });
  const [idle, next] = e.userId.localeCompare(f.userId) <= 0 ? [e, f] : [f, e];
  const nextClient = await agentClient(next);
  await agentClient(idle);
  const v = await visitor(siteId);
  const roomId = await v.startConversation(siteId);
  await v.send(roomId, "is anyone there?");
  expect((await statusIs(roomId, "assigned"))?.agentUserId).toBe(idle.userId);
  await eventually("invites sent", async () => (v.client.getRoom(roomId)?.getMember(next.userId)?.membership === "invite" ? true : undefined));
  v.stop();

  const reassigned = await eventually("reassignment", async () => {
    const c = await conversation(roomId);
    return c?.agentUserId === next.userId ? c : undefined;
  });
  expect(reassigned.declinedBy).toContain(idle.userId);
  await nextClient.join(await nextClient.waitForInvite((r) => r === roomId));
  await statusIs(roomId, "active");
  expect((await nextClient.waitForMessage(roomId, "is anyone there?")).encrypted).toBe(true);
  const rows = await assignmentsOf(roomId);
  expect(rows.map((r) => [r.agentUserId, r.outcome])).toEqual([
    [idle.userId, "no_show"],
    [next.userId, null],
  ]);
  await eventually("the stale invite withdrawn", async () =>
    nextClient.client.getRoom(roomId)?.getMember(idle.userId)?.membership === "leave" ? true : undefined,
  );
  await restartRouter();
});

test("an agent in a plain Matrix client goes available in the status room and answers a routed chat", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "element");
  const g = await createAgent(stack, db, { name: "element-g", teams: [teamId], availability: "offline" });
  const gClient = await agentClient(g);
  const statusRoom = await gClient.waitForInvite((_r, inviter) => inviter === stack.router.userId, 30_000);
  await gClient.join(statusRoom);
  await gClient.sendPlainCommand(statusRoom, "available");
  await gClient.waitForMessage(statusRoom, "You are now available.");
  expect((await db.select().from(schema.agents).where(eq(schema.agents.userId, g.userId)))[0]?.availability).toBe("available");

  const v = await visitor(siteId);
  const roomId = await v.startConversation(siteId);
  await v.send(roomId, "hello from the website");
  await gClient.join(await gClient.waitForInvite((r) => r === roomId));
  expect(await gClient.waitForMessage(roomId, "hello from the website")).toMatchObject({ encrypted: true });
  await gClient.waitForMessage(statusRoom, "A new conversation is assigned to you");
  await gClient.sendText(roomId, "hello from Element");
  expect(await v.waitForMessage(roomId, "hello from Element")).toEqual({ sender: g.userId, encrypted: true });
  const c = await statusIs(roomId, "active");
  expect(c?.firstAgentReplyAt).not.toBeNull();

  // The visitor ends it: both sides see the conversation closed.
  await v.end(roomId);
  expect((await statusIs(roomId, "closed"))?.closedReason).toBe("visitor");
  await eventually("the agent's client sees it closed", async () => (currentRouting(gClient.client, roomId)?.status === "closed" ? true : undefined));
});

test("a conversation without activity is closed automatically, and the visitor's client sees why", async () => {
  await restartRouter({ ROUTER_INACTIVITY_MS: "3000" });
  const { siteId, teamId } = await createTeamSite(stack, db, "idle");
  await createAgent(stack, db, { name: "idle-h", teams: [teamId] });
  const v = await visitor(siteId, false);
  const roomId = await v.startConversation(siteId);
  expect((await statusIs(roomId, "closed"))?.closedReason).toBe("inactivity");
  const routing = await eventually("closed state in the room", async () =>
    currentRouting(v.client, roomId)?.status === "closed" ? currentRouting(v.client, roomId)! : undefined,
  );
  expect(routing).toMatchObject({ status: "closed", closed_reason: "inactivity", readers: [] });
  await restartRouter();
});

test("a router killed with SIGKILL mid-routing and restarted assigns every conversation exactly once", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "crash");
  const agents = [];
  for (const n of ["crash-1", "crash-2", "crash-3"]) agents.push(await createAgent(stack, db, { name: n, teams: [teamId], maxConcurrent: 100 }));
  // No no-shows in this test (the stack's router skips an agent after 15 s): creating the first
  // rooms can take longer than that on a busy machine, and a no-show is a second assignment.
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "600000" });
  const v = await visitor(siteId, false);
  const rooms: string[] = [];
  for (let i = 0; i < 8; i++) rooms.push(await v.startConversation(siteId));
  await stopRouters("SIGKILL");
  for (let i = 0; i < 8; i++) rooms.push(await v.startConversation(siteId));
  await startRouter({ ROUTER_NO_SHOW_MS: "600000" });
  for (const roomId of rooms) await statusIs(roomId, "assigned");
  for (const roomId of rooms) {
    const rows = await assignmentsOf(roomId);
    expect(rows, roomId).toHaveLength(1);
    // What the room says is what the database says.
    const routing = await eventually(`${roomId} published`, async () => currentRouting(v.client, roomId)?.agent_user_id ?? undefined);
    expect(routing).toBe(defined(rows[0], "an assignment row").agentUserId);
  }
});

test("two routers at once never assign a conversation twice nor exceed an agent's capacity", async () => {
  test.skip(!process.env.TEST_POSTGRES_URL, "needs a real PostgreSQL (TEST_POSTGRES_URL, as in CI): PGlite is a single session");
  const { siteId, teamId } = await createTeamSite(stack, db, "twins");
  const agents = [];
  for (const n of ["twins-1", "twins-2", "twins-3"]) agents.push(await createAgent(stack, db, { name: n, teams: [teamId], maxConcurrent: 8 }));
  await startRouter({ ROUTER_NO_SHOW_MS: "600000" }); // a second router beside the running one
  const visitors = await Promise.all([0, 1, 2].map(() => visitor(siteId, false)));
  const rooms = (await Promise.all(visitors.map(async (v) => Promise.all(Array.from({ length: 10 }, () => v.startConversation(siteId)))))).flat();
  // 30 conversations, room for 24: exactly 24 assigned, 6 queued, nobody over capacity.
  await eventually("all routed", async () => {
    const rows = await db.select().from(schema.conversations).where(eq(schema.conversations.teamId, teamId));
    return rows.length === 30 && rows.filter((r) => r.status === "assigned").length === 24 ? rows : undefined;
  });
  await new Promise((r) => setTimeout(r, 2_000)); // give a double assignment the chance to happen
  for (const roomId of rooms) expect((await assignmentsOf(roomId)).length).toBeLessThanOrEqual(1);
  for (const agent of agents) {
    const open = await db
      .select()
      .from(schema.assignments)
      .where(and(eq(schema.assignments.agentUserId, agent.userId), isNull(schema.assignments.endedAt)));
    expect(open).toHaveLength(8);
  }
  await restartRouter();
});
