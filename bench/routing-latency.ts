// `npm run bench` (part 3): 20 agents, 100 new conversations in one burst.
//
// 1. Prepared rooms (what the widget does): each visitor's room was made when
//    the chat opened; the burst is 100 first messages at the same instant, each
//    asking for a routing ticket bound to its room and inviting the agent.
// 2. Cold starts (a visitor who writes before the room is prepared): the same
//    burst on a second team of 20 agents, doing what the widget does then:
//    prepare the room, then the ticket bound to it and the invites (the app
//    refuses a ticket without a room: there is no other cold path).
// Prints the routing decision, new conversation -> agent invited (the invite
// stored by Synapse), and -> the agent's own client has the invitation; then
// checks that every conversation was recorded for the agent its ticket named
// and that nobody went over capacity.
// 3. In the same run, on the same Synapse, right before the first burst
//    (`invite-floor.ts`): Synapse's own floor (100 invites at once; and 100
//    conversations' worth of invites, the agent then 2 stand-bys), what the
//    ticket's two checks cost Synapse, the app's own floor (the same 100
//    ticket requests at once without a room: HTTP, Next.js and the caller's
//    identity, refused with 409), and the decision of a batch of 100 alone
//    (the ticket issuer's transaction, rolled back). Prints each path's ratio
//    to the floor.
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import {
  createClient,
  KnownMembership,
  RoomEvent,
  RoomStateEvent,
  type ICreateClientOpts,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import { startNodeVisitor, type NodeVisitor } from "../e2e/support/node-visitor";
import { createAgent, createTeamSite, testDb, type TestAgent } from "../e2e/support/routing-fixtures";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { issueRoutingTickets } from "../lib/conversation/issue-routing-ticket";
import { STANDBY_COUNT } from "../lib/routing/standby-readers";
import { benchStack } from "./bench-stack";
import { checkBurst, floorSetup, inviteBurst } from "./invite-floor";
import { percentile, summarise } from "./stats";
import { defined } from "../lib/testing/defined";

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

const AGENTS = 20;
const CONVERSATIONS = 100;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const loadBefore = load();

// 200 visitors from one address, and routing (not the proof of work) is what is measured.
const bench = await benchStack("routing", { appEnv: { VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_POW_BITS: "8", ROUTING_TICKET_TIMING: "1" } });
const { stack, info } = bench;
const { db, end } = testDb(info);
const invitedSeen = new Map<string, number>();
const watchers: Awaited<ReturnType<typeof watchInvites>>[] = [];

/** A team of agents (capacity 5 each) with its site, 100 visitors on it, and the agents' own clients. */
async function team(name: string) {
  const { siteId, teamId } = await createTeamSite(info, db, name);
  const agents: TestAgent[] = [];
  for (let i = 0; i < AGENTS; i++) agents.push(await createAgent(info, db, { name: `${name}-agent-${i}`, teams: [teamId], maxConcurrent: 5 }));
  watchers.push(...(await Promise.all(agents.map((a) => watchInvites(info.synapseUrl, a, invitedSeen)))));
  const visitors: NodeVisitor[] = [];
  for (let i = 0; i < CONVERSATIONS; i += 25)
    visitors.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(25, CONVERSATIONS - i) }, () =>
          startNodeVisitor({ appUrl: info.appUrl, siteId, hostOrigin: info.demoUrl, withCrypto: false }),
        ),
      )),
    );
  return { siteId, teamId, agents, visitors };
}

/** Waits until the router recorded every room, then checks it took each ticket's agent and respected capacity. */
async function checkRouting(rooms: { roomId: string; agent: string | null }[], agents: TestAgent[]): Promise<string> {
  const ids = rooms.map((r) => r.roomId);
  const deadline = Date.now() + 120_000;
  let rows: { roomId: string; agentUserId: string | null }[] = [];
  for (;;) {
    rows = await db
      .select({ roomId: schema.conversations.roomId, agentUserId: schema.conversations.agentUserId })
      .from(schema.conversations)
      .where(inArray(schema.conversations.roomId, ids));
    if (rows.length === ids.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (rows.length !== ids.length) throw new Error(`the router recorded ${rows.length} of ${ids.length} conversations within 120 s`);
  const byRoom = new Map(rows.map((r) => [r.roomId, r.agentUserId]));
  const mismatched = rooms.filter((r) => r.agent && byRoom.get(r.roomId) !== r.agent);
  if (mismatched.length > 0) throw new Error(`${mismatched.length} conversations were recorded for another agent than their ticket's`);
  const perAgent = agents.map((a) => rows.filter((r) => r.agentUserId === a.userId).length);
  if (Math.max(...perAgent) > 5) throw new Error(`an agent got ${Math.max(...perAgent)} conversations (capacity 5)`);
  return `all ${rows.length} recorded for their ticket's agent; per agent min ${Math.min(...perAgent)}, max ${Math.max(...perAgent)} (capacity 5)`;
}

try {
  // A warm server: one conversation before the bursts (Next.js loads a route on its first request).
  const warmSite = await createTeamSite(info, db, "bench-warm-up");
  await createAgent(info, db, { name: "bench-warm-up", teams: [warmSite.teamId] });
  const warm = await startNodeVisitor({ appUrl: info.appUrl, siteId: warmSite.siteId, hostOrigin: info.demoUrl, withCrypto: false });
  await warm.startPrepared(await warm.prepare(warmSite.siteId));
  await warm.startConversation(warmSite.siteId);
  warm.stop();
  // The floor's accounts and rooms, made now so that their registration is over before anything is timed.
  const floor = await floorSetup(info.synapseUrl, info.registrationSecret, { users: CONVERSATIONS, agents: AGENTS, roomsEach: 2 });

  // 1. Prepared rooms.
  const a = await team("bench-prepared");
  const preparing = performance.now();
  const prepared = await Promise.all(a.visitors.map((v) => v.prepare(a.siteId)));
  const prepareMs = performance.now() - preparing;
  // The visitors are reading and typing meanwhile: the router joins the prepared rooms.
  await waitFor("the router to join every prepared room", () =>
    prepared.every(
      (roomId, i) =>
        defined(a.visitors[i], `visitor ${i}`).client.getRoom(roomId)?.getMember(stack.accounts.router.userId)?.membership === KnownMembership.Join,
    ),
  );
  await new Promise((r) => setTimeout(r, 2_000));
  // 3. The floor, on this Synapse with the same clients connected, right before the burst.
  const floorInvites = await inviteBurst(floor, 0);
  const floorWithStandbys = await inviteBurst(floor, 1, STANDBY_COUNT);
  const checks = await checkBurst(info.synapseUrl, floor);
  const appFloor = await refusedTickets(a.visitors);
  await new Promise((r) => setTimeout(r, 2_000));
  const timingsBefore = (await ticketTimings()).length;
  const decision: number[] = [];
  const invited: number[] = [];
  const inviteOnly: number[] = [];
  const toAgentClient: number[] = [];
  const toVisitorRouting: number[] = [];
  const startedRooms: { roomId: string; agent: string | null }[] = [];
  let started = performance.now();
  await Promise.all(
    a.visitors.map(async (v, i) => {
      const t0 = performance.now();
      const roomId = defined(prepared[i], `visitor ${i}'s prepared room`);
      const routingAt = routingSeen(v.client, roomId);
      const r = await v.startPrepared(roomId);
      decision.push(r.ticketMs);
      invited.push(r.agentInvitedMs);
      inviteOnly.push(r.agentInvitedMs - r.ticketMs);
      startedRooms.push({ roomId, agent: r.agent });
      if (r.agent) toAgentClient.push((await until(() => invitedSeen.get(`${r.agent} ${roomId}`))) - t0);
      toVisitorRouting.push((await routingAt) - t0);
    }),
  );
  const preparedBurst = performance.now() - started;
  const preparedTimings = (await ticketTimings()).slice(timingsBefore);
  const preparedCheck = await checkRouting(startedRooms, a.agents);

  // 2. Cold starts, on a second team.
  const b = await team("bench-cold");
  const batchDecision = await decideAlone(b.siteId, b.teamId, b.visitors);
  const coldTimingsBefore = (await ticketTimings()).length;
  const coldDecision: number[] = [];
  const coldPrepare: number[] = [];
  const coldInvited: number[] = [];
  const coldToAgentClient: number[] = [];
  const coldRooms: { roomId: string; agent: string | null }[] = [];
  started = performance.now();
  await Promise.all(
    b.visitors.map(async (v) => {
      // What the widget does for a visitor who writes before the room is prepared: it waits for the room, then starts it.
      const t0 = performance.now();
      const roomId = await v.prepare(b.siteId);
      const preparedMs = performance.now() - t0;
      coldPrepare.push(preparedMs);
      const r = await v.startPrepared(roomId);
      coldDecision.push(r.ticketMs);
      coldInvited.push(preparedMs + r.agentInvitedMs); // the agent's invite is timed from the start of startPrepared
      coldRooms.push({ roomId, agent: r.agent });
      if (r.agent) coldToAgentClient.push((await until(() => invitedSeen.get(`${r.agent} ${roomId}`))) - t0);
    }),
  );
  const coldBurst = performance.now() - started;
  const coldTimings = (await ticketTimings()).slice(coldTimingsBefore);
  const coldCheck = await checkRouting(coldRooms, b.agents);

  console.log(
    `\nRouting: ${CONVERSATIONS} conversations started at once, ${AGENTS} available agents (capacity 5 each), real Synapse (SQLite) and router, app database on ${process.env.BENCH_POSTGRES_URL ? "PostgreSQL" : "PGlite"}.`,
  );
  console.log(
    `\n1. Prepared rooms (the widget's path: the room was made when the chat opened; ${CONVERSATIONS} prepared in ${(prepareMs / 1000).toFixed(1)} s beforehand):`,
  );
  console.log(summarise("routing decision (POST /api/visitor/conversations, bound to the room)", decision));
  console.log(summarise("new conversation -> agent invited (ticket + the agent's invite stored)", invited));
  console.log(summarise("  of which the agent's invite alone (ticket in hand -> invite stored)", inviteOnly));
  printTimings(preparedTimings);
  console.log(summarise("new conversation -> the agent's own client has the invitation", toAgentClient));
  console.log(summarise("new conversation -> the visitor's client has the routing state (the widget's \"Chatting with ...\")", toVisitorRouting));
  console.log(`burst of ${CONVERSATIONS} in ${(preparedBurst / 1000).toFixed(1)} s; ${preparedCheck}`);
  console.log(
    `\n2. Cold starts (a visitor who writes before the room is prepared; the widget waits for the room, then starts it: createRoom, ticket bound to it, invites):`,
  );
  console.log(summarise("room prepared (createRoom, the router invited, seen by sync)", coldPrepare));
  console.log(summarise("routing decision (POST /api/visitor/conversations, bound to the room)", coldDecision));
  printTimings(coldTimings);
  console.log(summarise("new conversation -> agent invited (room prepared + ticket + the agent's invite stored)", coldInvited));
  console.log(summarise("new conversation -> the agent's own client has the invitation", coldToAgentClient));
  console.log(`burst of ${CONVERSATIONS} in ${(coldBurst / 1000).toFixed(1)} s; ${coldCheck}`);
  const floorP95 = percentile(
    [...floorInvites.first].sort((x, y) => x - y),
    95,
  );
  const p95 = (xs: number[]): number =>
    percentile(
      [...xs].sort((x, y) => x - y),
      95,
    );
  console.log(`\n3. Synapse's floor, same run, same Synapse (its clients connected, app and router idle), right before burst 1:`);
  console.log(summarise(`${CONVERSATIONS} invites at once, invite stored`, floorInvites.first));
  console.log(
    summarise(`${CONVERSATIONS} x (agent, then ${STANDBY_COUNT} stand-bys) at once, agent's invite stored`, floorWithStandbys.first) +
      `; all ${CONVERSATIONS * (1 + STANDBY_COUNT)} in ${(floorWithStandbys.allMs / 1000).toFixed(2)} s`,
  );
  console.log(summarise(`${CONVERSATIONS} rooms created at once (no invite; before the visitors existed), room created`, floor.created));
  console.log(summarise(`the ticket's checks alone (whoami, then membership), ${CONVERSATIONS} at once`, checks));
  console.log(
    summarise(
      `the app's own floor: the same visitors' ticket requests without a room, ${CONVERSATIONS} at once (HTTP, Next.js, the caller's identity; 409, nothing stored)`,
      appFloor,
    ),
  );
  console.log(
    `decision of a batch of ${CONVERSATIONS} alone (issueRoutingTickets, one transaction, rolled back): ${batchDecision.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}`,
  );
  console.log(
    `ratios to the floor's p95 (${floorP95.toFixed(0)} ms): prepared agent invited p95 ${(p95(invited) / floorP95).toFixed(2)}x (budget 1.1x); ` +
      `cold agent invited p95 ${(p95(coldInvited) / floorP95).toFixed(2)}x (budget 1.5x; ${(p95(coldInvited) / p95(floor.created)).toFixed(2)}x the room-creation floor)`,
  );
  console.log(`load average before ${loadBefore}, after ${load()}`);
  [...a.visitors, ...b.visitors].forEach((v) => v.stop());
  watchers.forEach((w) => w.stopClient());
} catch (e) {
  // Keep the stack's logs (router, app, Synapse) for a failed run.
  await bench.keepLogs();
  throw e;
} finally {
  await end();
  await bench.close();
}

/**
 * What the app's HTTP path costs a burst before any decision: every visitor asks for a ticket at
 * once without a room (the route checks whose token it is, remembered since the visitor was made,
 * then refuses with 409 and stores nothing). A decision cannot answer sooner than this.
 */
async function refusedTickets(visitors: NodeVisitor[]): Promise<number[]> {
  return Promise.all(
    visitors.map(async (v) => {
      const t = performance.now();
      const res = await fetch(`${info.appUrl}/api/visitor/conversations`, {
        method: "POST",
        headers: { authorization: `Bearer ${v.client.getAccessToken()}`, "content-type": "application/json" },
        body: "{}",
      });
      await res.arrayBuffer();
      if (res.status !== 409) throw new Error(`a ticket request without a room was answered ${res.status}, not 409`);
      return performance.now() - t;
    }),
  );
}

/**
 * The decision of a batch alone: the ticket issuer's transaction for one
 * request of each visitor, on the bench's database, timed three times and
 * rolled back each time (nothing held, nothing left).
 */
async function decideAlone(siteId: string, teamId: string, visitors: NodeVisitor[]): Promise<number[]> {
  const requests = visitors.map((v) => ({ visitorUserId: v.userId, siteId, teamId }));
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    await db
      .transaction(async (tx) => {
        const t = performance.now();
        const issued = await issueRoutingTickets(tx, requests, new Date());
        times.push(performance.now() - t);
        if (issued.filter((i) => i.agentUserId).length !== requests.length) throw new Error("the batch alone did not assign everyone");
        tx.rollback();
      })
      .catch((e: Error) => {
        if (!/rollback/i.test(e.message)) throw e;
      });
  }
  return times;
}

type TicketTiming = { whoami: number; membership: number; askedSynapse?: boolean; queued: number; batch: number; size: number };

/** The app's own account of each routing ticket (ROUTING_TICKET_TIMING), from its log, oldest first. */
async function ticketTimings(): Promise<TicketTiming[]> {
  const log = await readFile(path.join(stack.logDir, "app.log"), "utf8").catch(() => "");
  return log
    .split("\n")
    .filter((l) => l.includes("routing-ticket-timing {"))
    .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as TicketTiming);
}

/** Where the decision's time went inside the app, per ticket. */
function printTimings(t: TicketTiming[]): void {
  const pick = (k: Exclude<keyof TicketTiming, "askedSynapse">): number[] => t.map((x) => x[k]);
  console.log(`  inside the app (its log, ${t.length} tickets; the rest is HTTP, Next.js and the bench's own event loop):`);
  console.log(summarise("    whoami (Synapse)", pick("whoami")));
  const asked = t.filter((x) => x.askedSynapse).length;
  console.log(
    summarise(
      `    membership check (the router's record; Synapse asked for ${asked} of ${t.length}: rooms the router had not recorded yet)`,
      pick("membership"),
    ),
  );
  console.log(summarise("    waiting for its batch to start", pick("queued")));
  console.log(summarise("    its batch (visitor lookup + decision transaction)", pick("batch")));
  console.log(`    batch sizes: ${[...new Set(t.map((x) => `${x.size}`))].join(", ")}`);
}

/** An agent's client without crypto, noting when each invitation arrives by sync. */
async function watchInvites(baseUrl: string, a: { username: string; password: string }, seen: Map<string, number>) {
  const login = await createClient({ baseUrl, logger: quiet }).loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: a.username },
    password: a.password,
  });
  const client = createClient({ baseUrl, userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token, logger: quiet });
  client.on(RoomEvent.MyMembership, (room: Room, membership: string) => {
    if (membership === KnownMembership.Invite && !seen.has(`${login.user_id} ${room.roomId}`)) seen.set(`${login.user_id} ${room.roomId}`, performance.now());
  });
  await client.startClient({ initialSyncLimit: 0 });
  return client;
}

/** When the visitor's client gets the room's routing state (the widget then shows whom the visitor is chatting with). */
function routingSeen(client: MatrixClient, roomId: string, timeoutMs = 90_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the visitor never got the routing state of ${roomId}`)), timeoutMs);
    const onState = (ev: MatrixEvent): void => {
      if (ev.getRoomId() !== roomId || ev.getType() !== ROUTING_EVENT) return;
      client.off(RoomStateEvent.Events, onState);
      clearTimeout(timer);
      resolve(performance.now());
    };
    client.on(RoomStateEvent.Events, onState);
  });
}

async function until(get: () => number | undefined, timeoutMs = 90_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error("an agent's client never got its invitation");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
