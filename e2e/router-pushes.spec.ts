import { expect, test } from "@playwright/test";
import { stackInfo, type StackInfo } from "./stack-info";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { conversationRow, eventually, siteWithOneAgent, testDb } from "./support/routing-fixtures";
import { synapseCall } from "./support/synapse-client";
import { synapseRows } from "./support/synapse-sql";

// Synapse records a push action for every member whose push rules say "notify", on every message.
// The router and the visitors never need one: the router turns its own off (master push rule,
// bot/own-pushes-off.ts), visitors are the application service's users, which Synapse skips.
// Read back through the notifications API, which lists exactly the recorded push actions.
// The application service has no url, and Synapse does no work for it on each event either.

let stack: StackInfo;
const running: { stop(): unknown }[] = [];

test.afterAll(async () => {
  for (const r of running) await r.stop();
});

/** The event ids of `room` among the push actions Synapse recorded for the token's account. */
async function notifiedIn(token: string, roomId: string): Promise<string[]> {
  const reply = await synapseCall(stack, token, "GET", "/notifications?limit=1000");
  expect(reply.status).toBe(200);
  const notifications = reply.body.notifications as { room_id: string; event: { event_id: string } }[];
  return notifications.filter((n) => n.room_id === roomId).map((n) => n.event.event_id);
}

test("Synapse records no push action for the router nor the visitor on a conversation's messages (the agent's is there), and does no work for the application service", async () => {
  stack = stackInfo();
  const { siteId, agent } = await siteWithOneAgent(stack, "pushes", "push-agent");
  const { db, end } = testDb(stack);
  try {
    const v: NodeVisitor = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl });
    running.push(v);
    const a: NodeAgent = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agent.username, password: agent.password });
    running.push({ stop: () => a.stop().catch(() => {}) });

    const roomId = await v.startConversation(siteId);
    await a.join(await a.waitForInvite((r) => r === roomId, 30_000));
    await eventually(`${roomId} active`, async () => ((await conversationRow(db, roomId))?.status === "active" ? true : undefined));
    await v.send(roomId, "does the router get a push?");
    await a.waitForMessage(roomId, "does the router get a push?");
    await a.sendText(roomId, "no, nor you");
    await v.waitForMessage(roomId, "no, nor you");

    // Push actions are recorded before an event is persisted, so both messages' are in by now.
    // The agent is an ordinary account: the visitor's message notifies them (the check can see rows).
    const visitorMessage = a.client
      .getRoom(roomId)
      ?.getLiveTimeline()
      .getEvents()
      .find((e) => e.getSender() === v.userId && e.getType() === "m.room.message");
    expect(await notifiedIn(a.client.getAccessToken()!, roomId)).toContain(visitorMessage?.getId());
    expect(await notifiedIn(stack.router.accessToken, roomId)).toEqual([]);
    expect(await notifiedIn(v.client.getAccessToken()!, roomId)).toEqual([]);
    // The router's master rule is what did it (set by the router at start, read back as the router).
    const master = await synapseCall(stack, stack.router.accessToken, "GET", "/pushrules/global/override/.m.rule.master/enabled");
    expect(master).toEqual({ status: 200, body: { enabled: true } });

    // notify_appservices: false (synapse/homeserver.template.yaml): the application service's
    // event stream never moved past the visitor's message (else Synapse read, matched and
    // wrote a transaction for every event of the conversation).
    const [message] = await synapseRows(stack, "select stream_ordering from events where event_id = ?", [visitorMessage!.getId()!]);
    const [position] = await synapseRows(stack, "select stream_ordering from appservice_stream_position");
    expect(Number(message?.stream_ordering)).toBeGreaterThan(0);
    expect(Number(position?.stream_ordering ?? 0)).toBeLessThan(Number(message?.stream_ordering));
  } finally {
    await end();
  }
});
