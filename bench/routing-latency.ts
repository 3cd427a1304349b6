// `npm run bench` (part 2): 20 agents, 100 new conversations in one burst.
// Prints, per conversation: the routing decision (the ticket request), the time
// from the visitor starting until the assigned agent is invited (ticket +
// createRoom, which carries the invite), from the room existing until the
// agent is invited, and until the agent's own client has the invitation.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, KnownMembership, RoomEvent, type ICreateClientOpts, type Room } from "matrix-js-sdk";
import { currentRouting } from "../lib/matrix/follow-routing";
import type { StackInfo } from "../e2e/stack-info";
import { startNodeVisitor } from "../e2e/support/node-visitor";
import { createAgent, createTeamSite, testDb } from "../e2e/support/routing-fixtures";
import { startStack } from "../scripts/stack";
import { summarise } from "./stats";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";

const AGENTS = 20;
const CONVERSATIONS = 100;
// One conversation per visitor, as on a website (a visitor holds one routing ticket at a time).
const VISITORS = 100;

const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-routing-"));
const stack = await startStack({ dataDir, appMode: "start", quiet: true });
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
  const visitors = await Promise.all(Array.from({ length: VISITORS }, () => startNodeVisitor({ appUrl: info.appUrl, siteId, hostOrigin: info.demoUrl, withCrypto: false })));

  // The agents' own clients, to time when each invitation reaches the agent.
  const invitedSeen = new Map<string, number>();
  const watchers = await Promise.all(agentAccounts.map((a) => watchInvites(info.synapseUrl, a, invitedSeen)));

  const latencies: number[] = [];
  const routerLatencies: number[] = [];
  const decisionLatencies: number[] = [];
  const deliveryLatencies: number[] = [];
  let viaTicket = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, i) => {
      const v = visitors[i % VISITORS];
      const t0 = performance.now();
      const { roomId, ticketMs } = await v.startConversationTimed(siteId);
      if (ticketMs !== null) {
        decisionLatencies.push(ticketMs);
        viaTicket++;
      }
      const created = performance.now();
      // Invited = the routing state (or the room's creation, with a ticket) names an agent whose invite is in the room.
      for (;;) {
        const room = v.client.getRoom(roomId);
        const agent = currentRouting(v.client, roomId)?.agent_user_id ?? (await assignedAgent(roomId));
        if (agent && room?.getMember(agent)?.membership === KnownMembership.Invite) {
          latencies.push(performance.now() - t0);
          routerLatencies.push(performance.now() - created);
          const seen = await until(() => invitedSeen.get(`${agent} ${roomId}`));
          deliveryLatencies.push(seen - t0);
          break;
        }
        if (performance.now() - t0 > 60_000) throw new Error(`${roomId} was not routed within 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
  const total = performance.now() - started;
  console.log(`\nRouting: ${CONVERSATIONS} conversations in one burst, ${AGENTS} available agents (capacity 5 each), real Synapse and router:`);
  console.log(`${viaTicket} of ${CONVERSATIONS} routed by ticket (decided before the room existed)`);
  console.log(summarise("routing decision (POST /api/visitor/conversations)", decisionLatencies));
  console.log(summarise("visitor starts -> assigned agent invited (decision + createRoom)", latencies));
  console.log(summarise("room created -> assigned agent invited", routerLatencies));
  console.log(summarise("visitor starts -> the agent's own client has the invitation", deliveryLatencies));
  console.log(`whole burst routed in ${(total / 1000).toFixed(1)} s`);
  visitors.forEach((v) => v.stop());
  watchers.forEach((w) => w.stopClient());
} finally {
  await end();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

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
