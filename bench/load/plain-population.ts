// The floor's population: the same rooms and clients as Sealdesk's light conversations
// (a visitor, an agent and a member standing for the router; the same /sync filter, the
// same opaque m.room.encrypted messages at the same pace) with no Sealdesk part: accounts
// registered before each level's arrivals, the agent chosen here instead of by routing.
import { randomBytes } from "node:crypto";
import { registerWithAppService } from "../../lib/matrix/appservice-register";
import { MASTER_RULE_ID } from "../../lib/matrix/master-push-rule";
import { registerWithSharedSecret, type RegisteredAccount } from "../../lib/matrix/shared-secret-register";
import { conversationRoomRequest } from "../../widget/frame/conversation";
import { runAgent } from "./light-agents";
import { lightClient, type LightClient } from "./light-client";
import { until, visitorReceives, writeUntilStopped, type Run } from "./light-visitors";
import { pickAgent } from "./plain-assign";
import type { PlainDeployment } from "./plain-deployment";
import type { LoadConfig, Population } from "./ramp-run";

/** Runs `make` for `count` items, at most `parallel` at once. */
async function inBatches<T>(count: number, parallel: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += parallel) out.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, j) => make(i + j)))));
  return out;
}

/** The router's stand-in: one account in every room, syncing, joining each invite, with the router's master push rule on. */
async function routerStandIn(d: PlainDeployment, account: RegisteredAccount): Promise<LightClient> {
  const c = lightClient(d.synapseUrl, account.userId, account.accessToken);
  await c.call("PUT", `/pushrules/global/override/${MASTER_RULE_ID}/enabled`, { enabled: true });
  const joining = new Set<string>();
  c.startSync((body) => {
    for (const roomId of Object.keys(body.rooms?.invite ?? {})) {
      if (joining.has(roomId)) continue;
      joining.add(roomId);
      c.call("POST", `/join/${encodeURIComponent(roomId)}`, {}).catch(() => joining.delete(roomId));
    }
  });
  return c;
}

/** The floor's population on plain Synapse (no crypto sample: its clients need the app). */
export async function plainPopulation(d: PlainDeployment, cfg: LoadConfig, run: Run): Promise<Population> {
  const tag = randomBytes(3).toString("hex");
  const password = (): string => randomBytes(12).toString("hex");
  const router = await routerStandIn(
    d,
    await registerWithSharedSecret({ homeserverUrl: d.synapseUrl, sharedSecret: d.sharedSecret, username: `floor-router-${tag}`, password: password() }),
  );
  const agents: { userId: string; load: number; stop: () => void }[] = [];
  const ready: RegisteredAccount[] = [];
  const clients: LightClient[] = [router];
  let visitors = 0;
  return {
    live: 0,
    errors: [],
    async prepareLevel(target) {
      // Agents as Sealdesk adds them (its capacity, 2 spare); visitors (the application service's, as Sealdesk's) for the level.
      const newAgents = await inBatches(Math.ceil(target / cfg.capacity) + 2 - agents.length, 4, (i) =>
        registerWithSharedSecret({
          homeserverUrl: d.synapseUrl,
          sharedSecret: d.sharedSecret,
          username: `floor-agent-${tag}-${agents.length + i}`,
          password: password(),
        }),
      );
      for (const a of newAgents)
        agents.push({
          userId: a.userId,
          load: 0,
          stop: runAgent(lightClient(d.synapseUrl, a.userId, a.accessToken), run.assignments, run.ledger, run.step, run.stopped),
        });
      const n = target - visitors - ready.length;
      ready.push(
        ...(await inBatches(n, 8, (i) =>
          registerWithAppService({ homeserverUrl: d.synapseUrl, asToken: d.asToken, username: `visitor-floor-${tag}-${visitors + ready.length + i}` }),
        )),
      );
    },
    async conversation() {
      const v = ready.shift();
      const i = pickAgent(agents, cfg.capacity);
      if (!v || i === null) throw new Error("the floor has no registered visitor or no agent with capacity left for this level");
      visitors++;
      const agent = agents[i]!;
      agent.load++;
      const t0 = performance.now();
      const c = lightClient(d.synapseUrl, v.userId, v.accessToken);
      clients.push(c);
      c.startSync(visitorReceives(c, run));
      // The widget's room shape (encryption, history, marker, power levels) with the agent invited, as a routing ticket would.
      const request = conversationRoomRequest(router.userId, { site_id: "floor", language: "en" });
      const { room_id: roomId } = await c.call<{ room_id: string }>("POST", "/createRoom", { ...request, invite: [router.userId, agent.userId] });
      const t1 = performance.now();
      run.assignments.agentOf.set(roomId, agent.userId);
      const saw = await until(`${agent.userId}'s invite to ${roomId}`, () => run.assignments.invitedSeenAt.get(`${agent.userId} ${roomId}`));
      const joined = await until(`${agent.userId} joining ${roomId}`, () => run.assignments.joinedAt.get(roomId));
      void writeUntilStopped(c, roomId, run);
      return { provisionMs: 0, ticketMs: 0, createRoomMs: t1 - t0, agentSawInviteMs: saw - t0, agentJoinedMs: joined - t0 };
    },
    agents: () => agents.length,
    async stop() {
      clients.forEach((c) => c.stop());
      agents.forEach((a) => a.stop());
    },
  };
}
