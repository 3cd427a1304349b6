// `npm run bench` (part 2): 20 agents, 100 new conversations in one burst.
// Prints, per conversation, the time until the assigned agent's invitation is
// visible in the room (router decision + routing state + the visitor client's
// invite), from the visitor's createRoom call and from the room existing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { KnownMembership } from "matrix-js-sdk";
import { currentRouting } from "../lib/matrix/follow-routing";
import type { StackInfo } from "../e2e/stack-info";
import { startNodeVisitor } from "../e2e/support/node-visitor";
import { createAgent, createTeamSite, testDb } from "../e2e/support/routing-fixtures";
import { startStack } from "../scripts/stack";
import { summarise } from "./stats";

const AGENTS = 20;
const CONVERSATIONS = 100;
const VISITORS = 20;

const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-routing-"));
// 100 visitors from one address, and routing (not the proof of work) is what is measured.
const stack = await startStack({ dataDir, appMode: "start", quiet: true, appEnv: { VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_POW_BITS: "8" } });
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
  for (let i = 0; i < AGENTS; i++) await createAgent(info, db, { name: `bench-agent-${i}`, teams: [teamId], maxConcurrent: 5 });
  const visitors = await Promise.all(Array.from({ length: VISITORS }, () => startNodeVisitor({ appUrl: info.appUrl, siteId, hostOrigin: info.demoUrl, withCrypto: false })));

  const latencies: number[] = [];
  const routerLatencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, i) => {
      const v = visitors[i % VISITORS];
      const t0 = performance.now();
      const roomId = await v.startConversation(siteId);
      const created = performance.now();
      // Invited = the routing state names an agent and that agent's invite is in the room.
      for (;;) {
        const agent = currentRouting(v.client, roomId)?.agent_user_id;
        if (agent && v.client.getRoom(roomId)?.getMember(agent)?.membership === KnownMembership.Invite) break;
        if (performance.now() - t0 > 60_000) throw new Error(`${roomId} was not routed within 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(performance.now() - t0);
      routerLatencies.push(performance.now() - created);
    }),
  );
  const total = performance.now() - started;
  console.log(`\nRouting: ${CONVERSATIONS} conversations in one burst, ${AGENTS} available agents (capacity 5 each), real Synapse and router:`);
  console.log(summarise("visitor starts (createRoom) -> assigned agent invited", latencies));
  console.log(summarise("room created -> assigned agent invited", routerLatencies));
  console.log(`whole burst routed in ${(total / 1000).toFixed(1)} s`);
  visitors.forEach((v) => v.stop());
} finally {
  await end();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
