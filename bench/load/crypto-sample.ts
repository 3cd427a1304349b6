// The sample that runs real crypto end to end: visitors with the widget's Rust crypto
// (matrix-js-sdk + crypto-wasm) encrypt, agents with the same stack decrypt and reply.
import { MatrixEventEvent, RoomEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { startNodeAgent, type NodeAgent } from "../../e2e/support/node-matrix-agent";
import { startNodeVisitor, type NodeVisitor } from "../../e2e/support/node-visitor";
import { createAgent, createTeamSite, type testDb } from "../../e2e/support/routing-fixtures";
import type { StackInfo } from "../../e2e/stack-info";
import { inviteTicketReaders } from "../../widget/frame/conversation";
import type { Ledger } from "./ledger";
import { newMessageId } from "./opaque";
import { routingDecision, until, type Run } from "./light-visitors";

const CAPACITY = 5;
const BODY = (id: string): string => `load:${id} Hello, my order has not arrived yet and the tracking page shows nothing since Monday. Can you check?`;
const rand = (lo: number, hi: number): number => lo + Math.random() * (hi - lo);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls `onText(roomId, body, at)` once per decrypted m.room.message from someone else. */
function onDecryptedText(client: MatrixClient, onText: (roomId: string, body: string, at: number) => void): void {
  const seen = new Set<string>();
  const check = (ev: MatrixEvent): void => {
    const id = ev.getId();
    if (!id || seen.has(id) || ev.isBeingDecrypted() || ev.isDecryptionFailure() || ev.getType() !== "m.room.message") return;
    if (ev.getSender() === client.getUserId()) return;
    const body: unknown = ev.getContent().body;
    if (typeof body !== "string") return;
    seen.add(id);
    onText(ev.getRoomId() ?? "", body, performance.now());
  };
  client.on(RoomEvent.Timeline, (ev) => check(ev));
  client.on(MatrixEventEvent.Decrypted, (ev) => check(ev));
}

const idIn = (body: string): string | null => /^load:([0-9a-f]{24}) /.exec(body)?.[1] ?? null;

/** Sends one real encrypted message recorded in the ledger (from the start of the encryption). */
async function sendReal(send: (text: string) => Promise<void>, ledger: Ledger, dir: "to-agent" | "to-visitor", step: number): Promise<void> {
  const id = newMessageId();
  ledger.sent({ id, dir, crypto: true, sentAt: performance.now(), step });
  await send(BODY(id)).catch(() => ledger.failed(id));
}

/**
 * `count` conversations with real crypto on a site and team of their own (agents of
 * capacity 5), live once their agent joined; they write like the others until stopped.
 */
export async function startCryptoSample(info: StackInfo, db: ReturnType<typeof testDb>["db"], count: number, routerUserId: string, run: Run) {
  const { siteId, teamId } = await createTeamSite(info, db, "load-crypto");
  const agents: NodeAgent[] = [];
  for (let i = 0; i < Math.ceil(count / CAPACITY); i++) {
    const a = await createAgent(info, db, { name: `load-crypto-agent-${i}`, teams: [teamId], maxConcurrent: CAPACITY });
    const agent = await startNodeAgent({ baseUrl: info.synapseUrl, username: a.username, password: a.password });
    onDecryptedText(agent.client, (roomId, body, at) => {
      const id = idIn(body);
      if (!id || run.ledger.received(id, at) !== "first" || run.stopped()) return;
      setTimeout(() => void sendReal((t) => agent.sendText(roomId, t), run.ledger, "to-visitor", run.step()), rand(2000, 5000));
    });
    agents.push(agent);
  }
  const visitors: NodeVisitor[] = [];
  const errors: string[] = [];
  for (let i = 0; i < count; i++) {
    // A failed start is reported with the run's errors; the sample goes on with the others.
    await startOne(info, siteId, routerUserId, agents, run).then(
      (v) => visitors.push(v),
      (e: Error) => errors.push(e.message),
    );
  }
  return {
    live: visitors.length,
    errors,
    stop: async (): Promise<void> => {
      visitors.forEach((v) => v.stop());
      await Promise.all(agents.map((a) => a.stop().catch(() => {})));
    },
  };
}

/** One conversation of the sample, live once its agent joined; it then writes until the run stops. */
async function startOne(info: StackInfo, siteId: string, routerUserId: string, agents: NodeAgent[], run: Run): Promise<NodeVisitor> {
  const v = await startNodeVisitor({ appUrl: info.appUrl, siteId, hostOrigin: info.demoUrl, withCrypto: true });
  try {
    onDecryptedText(v.client, (_roomId, body, at) => {
      const id = idIn(body);
      if (id) run.ledger.received(id, at);
    });
    const roomId = await v.prepare(siteId);
    const decision = await routingDecision(info.appUrl, v.client.getAccessToken() ?? "", roomId);
    const agentId = decision.status === "assigned" ? decision.ticket.readers[0] : undefined;
    const agent = agents.find((a) => a.userId === agentId);
    if (!agent) throw new Error("the crypto sample's conversation was not assigned to one of its agents");
    await inviteTicketReaders(v.client, roomId, routerUserId, decision.ticket);
    await agent.waitForInvite((r) => r === roomId, 60_000);
    await agent.join(roomId);
    await until(`${agent.userId} joined ${roomId}`, () => (v.client.getRoom(roomId)?.getMember(agent.userId)?.membership === "join" ? true : undefined));
    void (async () => {
      await sleep(rand(0, 20_000));
      while (!run.stopped()) {
        await sendReal((t) => v.send(roomId, t), run.ledger, "to-agent", run.step());
        await sleep(rand(20_000, 40_000));
      }
    })();
    return v;
  } catch (e) {
    v.stop();
    throw e;
  }
}
