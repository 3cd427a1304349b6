// `npm run bench` (part 2): 20 agents, 100 new conversations in one burst.
// Prints, per conversation: the routing decision (the ticket request), the time
// from the visitor starting until the assigned agent is invited (ticket +
// createRoom, which carries the invite), from the room existing until the
// agent is invited, and until the agent's own client has the invitation.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, EventType, KnownMembership, RoomEvent, type ICreateClientOpts, type Room } from "matrix-js-sdk";
import { currentRouting } from "../lib/matrix/follow-routing";
import type { StackInfo } from "../e2e/stack-info";
import { startNodeVisitor } from "../e2e/support/node-visitor";
import { createAgent, createTeamSite, testDb } from "../e2e/support/routing-fixtures";
import { startStack } from "../scripts/stack";
import { createTestDatabases } from "../e2e/test-databases";
import { summarise } from "./stats";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

const AGENTS = 20;
const CONVERSATIONS = 100;
// One conversation per visitor, as on a website (a visitor holds one routing ticket at a time).
const VISITORS = 100;

const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-routing-"));
// BENCH_POSTGRES_URL (an admin URL, as CI's TEST_POSTGRES_URL): the app database on a real PostgreSQL.
const dbs = process.env.BENCH_POSTGRES_URL ? await createTestDatabases(process.env.BENCH_POSTGRES_URL) : null;
// 100 visitors from one address, and routing (not the proof of work) is what is measured.
const stack = await startStack({ dataDir, appMode: "start", quiet: true, databaseUrl: dbs?.appUrl, appEnv: { VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_POW_BITS: "8" } });
const info = {
  appUrl: stack.appUrl,
  demoUrl: stack.demoUrl,
  synapseUrl: stack.synapseUrl,
  databaseUrl: stack.databaseUrl,
  registrationSecret: stack.synapse.registrationSharedSecret,
} as StackInfo;
const { db, end } = testDb(info);
try {
  const { siteId, teamId } = await createTeamSite(info, db, "bench");
  const agentAccounts = [];
  for (let i = 0; i < AGENTS; i++) agentAccounts.push(await createAgent(info, db, { name: `bench-agent-${i}`, teams: [teamId], maxConcurrent: 5 }));
  /** The agent the router recorded (before its routing state reaches the visitor's sync). */
  const assignedAgent = async (roomId: string): Promise<string | null> =>
    (await db.select({ agent: schema.conversations.agentUserId }).from(schema.conversations).where(eq(schema.conversations.roomId, roomId)))[0]?.agent ?? null;
  // BENCH_WITHOUT_TICKETS=1: rooms invite only the router, which routes them as they arrive (for comparison).
  const withoutTicket = process.env.BENCH_WITHOUT_TICKETS === "1";
  const visitors = await Promise.all(Array.from({ length: VISITORS }, () => startNodeVisitor({ appUrl: info.appUrl, siteId, hostOrigin: info.demoUrl, withCrypto: false, withoutTicket })));

  // The agents' own clients, to time when each invitation reaches the agent.
  const invitedSeen = new Map<string, number>();
  const watchers = await Promise.all(agentAccounts.map((a) => watchInvites(info.synapseUrl, a, invitedSeen)));

  // A warm server: one conversation before the burst (Next.js loads a route on its first request).
  // Its own site and team, so that it takes none of the bench agents' capacity.
  const warmSite = await createTeamSite(info, db, "bench-warm-up");
  await createAgent(info, db, { name: "bench-warm-up", teams: [warmSite.teamId] });
  const warm = await startNodeVisitor({ appUrl: info.appUrl, siteId: warmSite.siteId, hostOrigin: info.demoUrl, withCrypto: false });
  await warm.startConversation(warmSite.siteId);
  warm.stop();

  const decision: number[] = [];
  const creation: number[] = [];
  const createdToInvited: number[] = [];
  const startToAgentClient: number[] = [];
  let viaTicket = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, i) => {
      const v = visitors[i % VISITORS];
      const t0 = performance.now();
      const { roomId, ticketMs } = await v.startConversationTimed(siteId);
      if (ticketMs !== null) {
        decision.push(ticketMs);
        viaTicket++;
      }
      creation.push(performance.now() - t0 - (ticketMs ?? 0));
      // The assigned agent, as the router records it (its routing state may not have reached the visitor yet).
      for (;;) {
        const room = v.client.getRoom(roomId);
        const agent = currentRouting(v.client, roomId)?.agent_user_id ?? (await assignedAgent(roomId));
        const invite = agent ? room?.getMember(agent) : undefined;
        if (agent && invite?.membership === KnownMembership.Invite) {
          // Server clocks: the agent's invite event against the room's create event.
          const createTs = room!.currentState.getStateEvents(EventType.RoomCreate, "")!.getTs();
          createdToInvited.push(invite.events.member!.getTs() - createTs);
          const seen = await until(() => invitedSeen.get(`${agent} ${roomId}`));
          startToAgentClient.push(seen - t0);
          break;
        }
        if (performance.now() - t0 > 90_000) {
          const [row] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId));
          const members = room?.getMembers().map((m) => `${m.userId}=${m.membership}`).join(" ");
          throw new Error(`${roomId} was not routed within 90 s (ticket: ${ticketMs !== null}; db: ${JSON.stringify(row ?? null)}; members: ${members})`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  const total = performance.now() - started;
  console.log(`\nRouting: ${CONVERSATIONS} conversations started at once, ${AGENTS} available agents (capacity 5 each), real Synapse (SQLite) and router, app database on ${process.env.BENCH_POSTGRES_URL ? "PostgreSQL" : "PGlite"}:`);
  console.log(`${viaTicket} of ${CONVERSATIONS} routed by ticket (decided before the room existed)`);
  console.log(summarise("routing decision (POST /api/visitor/conversations)", decision));
  console.log(summarise("room created -> assigned agent invited (server timestamps)", createdToInvited));
  console.log(summarise("Synapse createRoom in the burst (the room and its invites)", creation));
  console.log(summarise("visitor starts -> the agent's own client has the invitation", startToAgentClient));
  console.log(`whole burst in ${(total / 1000).toFixed(1)} s`);
  visitors.forEach((v) => v.stop());
  watchers.forEach((w) => w.stopClient());
} catch (e) {
  // Keep the stack's logs (router, app, Synapse) for a failed run.
  await cp(path.join(dataDir, "logs"), path.join(tmpdir(), "sealdesk-bench-routing-logs"), { recursive: true }).catch(() => {});
  console.error(`logs kept in ${path.join(tmpdir(), "sealdesk-bench-routing-logs")}`);
  throw e;
} finally {
  await end();
  await stack.stop();
  await dbs?.drop();
  await rm(dataDir, { recursive: true, force: true });
}


/** An agent's client without crypto, noting when each invitation arrives by sync. */
async function watchInvites(baseUrl: string, a: { username: string; password: string }, seen: Map<string, number>) {
  const login = await createClient({ baseUrl, logger: quiet }).loginRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: a.username }, password: a.password });
  const client = createClient({ baseUrl, userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token, logger: quiet });
  client.on(RoomEvent.MyMembership, (room: Room, membership: string) => {
    if (membership === KnownMembership.Invite) seen.set(`${login.user_id} ${room.roomId}`, performance.now());
  });
  await client.startClient({ initialSyncLimit: 0 });
  return client;
}

async function until(get: () => number | undefined, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error("an agent's client never got its invitation");
    await new Promise((r) => setTimeout(r, 10));
  }
}
