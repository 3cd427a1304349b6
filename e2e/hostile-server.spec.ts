// The homeserver's and the app server's admin as the attacker (DESIGN.md, trust
// model 4): the embed snippet carries the organisation key; the widget encrypts
// only to identities on a roster that key signed. Attacks b, c and d of issue 6.
import { expect, test, type FrameLocator, type Locator } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { visitorOpensChat, visitorSends } from "./helpers";
import { forceJoin } from "./support/injected-device";
import { newStranger } from "./support/stranger";
import { startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { consoleSession, installOrg, masterKeyOf, newTestOrg, removeOrg, type TestOrg } from "./support/org-roster";
import { createAgent, createTeamSite, eventually, testDb, type TestAgent } from "./support/routing-fixtures";
import { stackInfo, startRouter, stopRouters, type StackInfo } from "./stack-info";
import { defined } from "../lib/testing/defined";

test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let fixtures: ReturnType<typeof testDb>;
let siteId: string;
let agent: TestAgent;
let operator: TestAgent;
let agentClient: NodeAgent;
let stranger: NodeAgent | undefined;
let org: TestOrg;
let chat: FrameLocator;
let roomId: string;
let routerStopped = false;

const mine = (text: string) => chat.locator("li.mine", { hasText: text });

/** The visitor's message `text` waits (pending) and the widget's warning names `who` and says `why`; the warning. */
async function heldWithWarning(text: string, who: string, why: string): Promise<Locator> {
  const warning = chat.getByRole("alert").filter({ hasText: who });
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(warning).toContainText(why);
  await expect(mine(text)).toHaveAttribute("data-state", "pending");
  return warning;
}

test.beforeAll(async () => {
  stack = stackInfo();
  fixtures = testDb(stack);
  let teamId: string;
  ({ siteId, teamId } = await createTeamSite(stack, fixtures.db, "hostile"));
  agent = await createAgent(stack, fixtures.db, { name: "Rostered Agent", teams: [teamId] });
  operator = await createAgent(stack, fixtures.db, { name: "Roster Operator", teams: [], availability: "offline" });
  await fixtures.db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, operator.userId));
  agentClient = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agent.username, password: agent.password });
  org = await newTestOrg();
  await installOrg(fixtures.db, org, 1, [{ user_id: agent.userId, master_key: await masterKeyOf(agentClient) }]);
});

test.afterAll(async () => {
  if (routerStopped) await startRouter();
  await agentClient?.stop().catch(() => {});
  await stranger?.stop().catch(() => {});
  await removeOrg(fixtures.db);
  await fixtures.end();
});

test("b: a stranger the admin force-joins gets no key; the visitor is told who, the audit flags it", async ({ browser }) => {
  ({ chat } = await visitorOpensChat(browser, stack, siteId, { org_key: org.orgKey }));
  await visitorSends(chat, "hello from a verified widget");
  roomId = await eventually(
    "the conversation recorded",
    async () => (await fixtures.db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId)))[0]?.roomId,
  );
  await agentClient.waitForInvite((r) => r === roomId);
  await agentClient.join(roomId);
  await agentClient.waitForMessage(roomId, "verified widget", 60_000);
  await expect(chat.getByRole("alert")).toHaveCount(0);

  // The attacker runs the server side, router included: ours would kick the stranger out of an
  // active conversation, so it is stopped to test what the widget itself does.
  await stopRouters();
  routerStopped = true;
  // A real Matrix user with its own cross-signed device, force-joined by the server admin.
  stranger = await newStranger(stack);
  await forceJoin(stack, roomId, stranger.userId);

  await visitorSends(chat, "my card number after the join");
  // Neither the stranger nor anybody gets it: it is not encrypted while the stranger is in the room.
  await expect(stranger.waitForMessage(roomId, "after the join", 15_000)).rejects.toThrow(/Timed out/);
  const warning = await heldWithWarning("after the join", stranger.userId, "not one of this website's verified agents");

  const api = await consoleSession(stack, operator);
  const audit = (await (await api.get(`/api/operator/audit/${encodeURIComponent(roomId)}`)).json()) as {
    audit: { alerts: { kind: string; userId: string }[] };
  };
  expect(audit.audit.alerts.map((a) => [a.kind, a.userId])).toEqual(
    expect.arrayContaining([
      ["unexpected_member", stranger.userId],
      ["not_on_roster", stranger.userId],
    ]),
  );
  expect(audit.audit.alerts.filter((a) => a.userId === agent.userId)).toEqual([]);
  await api.dispose();

  // The stranger gone: the waiting message goes out, to the rostered agent only.
  await stranger.client.leave(roomId);
  await agentClient.waitForMessage(roomId, "after the join", 60_000);
  await expect(warning).toHaveCount(0);
  await expect(stranger.waitForMessage(roomId, "after the join", 5_000)).rejects.toThrow(/Timed out/);
  await startRouter();
  routerStopped = false;
});

test("c: after an agent's identity reset, nothing goes to the new identity until an operator re-signs the roster", async () => {
  await agentClient.stop();
  // The same account, a new cross-signing identity (an attacker with the password, or a real reset).
  agentClient = await startNodeAgent({ baseUrl: stack.synapseUrl, username: agent.username, password: agent.password });
  await visitorSends(chat, "sent after the reset");
  await expect(agentClient.waitForMessage(roomId, "after the reset", 15_000)).rejects.toThrow(/Timed out/);
  const warning = await heldWithWarning("after the reset", agent.userId, "encryption identity");

  // An operator signs roster version 2 with the new master key: the message goes out and the new identity reads it.
  await installOrg(fixtures.db, org, 2, [{ user_id: agent.userId, master_key: await masterKeyOf(agentClient) }]);
  await agentClient.waitForMessage(roomId, "after the reset", 60_000);
  await expect(warning).toHaveCount(0);
});

test("d: a roster the app server altered, or signed by another key, is refused and nothing is sent", async ({ browser }) => {
  const goodMaster = await masterKeyOf(agentClient);
  const attacker = await newTestOrg();
  const tamper = {
    "a roster edited in the database": async () => {
      const row = defined((await fixtures.db.select().from(schema.orgTrust))[0], "the organisation trust row");
      const roster = row.roster as { agents: { user_id: string; master_key: string }[] };
      roster.agents.push({ user_id: operator.userId, master_key: goodMaster });
      await fixtures.db.update(schema.orgTrust).set({ roster }).where(eq(schema.orgTrust.id, "org"));
    },
    "a roster and key of another organisation": () => installOrg(fixtures.db, attacker, 99, [{ user_id: agent.userId, master_key: goodMaster }]),
  };
  for (const [what, apply] of Object.entries(tamper)) {
    await test.step(what, async () => {
      await installOrg(fixtures.db, org, 3, [{ user_id: agent.userId, master_key: goodMaster }]);
      await apply();
      const before = await fixtures.db
        .select({ roomId: schema.conversations.roomId })
        .from(schema.conversations)
        .where(eq(schema.conversations.siteId, siteId));
      const visitor = await visitorOpensChat(browser, stack, siteId, { org_key: org.orgKey });
      chat = visitor.chat;
      await visitorSends(chat, `should never leave (${what})`);
      // No conversation is created, so no agent is invited and nothing is encrypted.
      await new Promise((r) => setTimeout(r, 10_000));
      const after = await fixtures.db.select({ roomId: schema.conversations.roomId }).from(schema.conversations).where(eq(schema.conversations.siteId, siteId));
      expect(after.length).toBe(before.length);
      await expect(chat.getByRole("alert").filter({ hasText: "not signed by this website's key" })).toBeVisible({ timeout: 30_000 });
      await expect(mine("should never leave")).toHaveAttribute("data-state", "pending");
      await visitor.page.context().close();
    });
  }
});
