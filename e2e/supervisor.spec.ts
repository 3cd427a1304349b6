// Issue 16, item 2: a supervisor reads their team's conversations as a declared
// reader, never through a server-side "view all". The operator makes S supervisor
// of team T; a visitor (widget with the organisation key) talks to agent A of T.
// The router lists S as a reader, the visitor's widget invites S (S is on the
// signed roster) and shares the history; S's console shows the conversation under
// Team and decrypts it, read-only; the audit shows S as "supervisor (declared
// reader)". X, on the signed roster as an agent but made a "supervisor" by the
// server (its database) and not signed as one, is never invited although the
// router lists X as a supervisor (the roster signs roles). Once S's role is removed, the router kicks S (Megolm rotates), and even
// a server that lets S back in gives S's console nothing readable of a new message.
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { defined } from "../lib/testing/defined";
import { agentSignsIn, agentSignsInFirstTime, visitorSends } from "./helpers";
import { asAdmin, forceJoin, roomStateAsAdmin, type AdminStateEvent } from "./support/injected-device";
import { messageWith, startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { installOrg, masterKeyOf, newTestOrg, operatorSpec, type OperatorSpec } from "./support/org-roster";
import { createAgent, createTeamSite, eventually } from "./support/routing-fixtures";
import { visitorReachesAgent } from "./support/widget-chat";
import { startRouter, stopRouters } from "./stack-info";

test.describe.configure({ mode: "serial" });

let { stack, fixtures, api } = {} as OperatorSpec;
const nodeAgents: NodeAgent[] = [];
const spec = operatorSpec("Supervisor Operator", nodeAgents);
test.beforeAll(() => void ({ stack, fixtures, api } = spec));

type StateEvent = AdminStateEvent<{ membership?: string; readers?: string[]; supervisors?: string[]; team_id?: string }>;

/** The room's current state as the homeserver holds it (admin API). */
const roomState = (roomId: string): Promise<StateEvent[]> => roomStateAsAdmin(stack, roomId);
const membershipOf = (state: StateEvent[], userId: string) => state.find((e) => e.type === "m.room.member" && e.state_key === userId);

/** The master key an account published (what the operator signs into the roster). */
async function publishedMasterKey(userId: string): Promise<string> {
  const keys = (await asAdmin(stack, "POST", "/_matrix/client/v3/keys/query", { device_keys: { [userId]: [] } })) as {
    master_keys?: Record<string, { keys: Record<string, string> }>;
  };
  return defined(Object.values(keys.master_keys?.[userId]?.keys ?? {})[0], `${userId}'s master key`);
}

/** The Megolm session of the message whose body includes `text`, as A's device received it. */
function sessionOf(who: NodeAgent, roomId: string, text: string): string {
  const ev = messageWith(who, roomId, text);
  return String(ev.getWireContent().session_id);
}

async function setRole(userId: string, role: { kind: "agent" } | { kind: "supervisor"; teamId: string }): Promise<void> {
  const res = await api.post("/api/operator/agent-role", { data: { userId, role } });
  expect(res.status(), await res.text()).toBe(200);
}

test("a supervisor reads the team's conversation as a declared reader invited by the visitor's widget, is audited as such, and is kicked once the role is removed", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { siteId, teamId } = await createTeamSite(stack, fixtures.db, "supervised");
  const a = await createAgent(stack, fixtures.db, { name: "Team Agent", teams: [teamId], availability: "available" });
  // Supervisors outside the team's routing: they never take a conversation, they read it.
  const s = await createAgent(stack, fixtures.db, { name: "Team Supervisor", teams: [], availability: "offline" });
  const x = await createAgent(stack, fixtures.db, { name: "Unlisted Supervisor", teams: [], availability: "offline" });
  const aDevice = await startNodeAgent({ baseUrl: stack.synapseUrl, username: a.username, password: a.password });
  const xDevice = await startNodeAgent({ baseUrl: stack.synapseUrl, username: x.username, password: x.password });
  nodeAgents.push(aDevice, xDevice);
  const { page: sPage } = await agentSignsInFirstTime(browser, stack, s);

  // The roster (signed by the organisation key) lists A, S as supervisor of the team, and X as a plain agent.
  const org = await newTestOrg();
  await installOrg(fixtures.db, org, 1, [
    { user_id: a.userId, master_key: await masterKeyOf(aDevice) },
    { user_id: s.userId, master_key: await publishedMasterKey(s.userId), supervises: teamId },
    { user_id: x.userId, master_key: await masterKeyOf(xDevice) },
  ]);
  await setRole(s.userId, { kind: "supervisor", teamId });
  // The console reads the role when the page loads.
  await sPage.reload();
  await expect(sPage.getByRole("tab", { name: "Team" })).toBeVisible({ timeout: 60_000 });
  // The server (its database) makes X, a rostered agent, a "supervisor" too: the widget must not believe it.
  await fixtures.db.update(schema.agents).set({ supervisesTeamId: teamId }).where(eq(schema.agents.userId, x.userId));

  // The visitor talks to A.
  const {
    context: visitorCtx,
    chat,
    visitor,
    roomId,
  } = await visitorReachesAgent(browser, stack, { siteId, orgKey: org.orgKey, agent: aDevice, text: "to the team: my order is 4321" });
  await expect(chat.getByText("You're chatting with Team Agent.")).toBeVisible({ timeout: 60_000 });

  // Once accepted, the router still lists the supervisors as readers; the widget invited S (rostered), S's console joined.
  await eventually(
    "S joined, invited by the visitor",
    async () => {
      const st = await roomState(roomId);
      const content = st.find((e) => e.type === ROUTING_EVENT)?.content;
      const routing = content?.readers ?? [];
      const sMember = membershipOf(st, s.userId);
      // The router declares both as the team's supervisors.
      const declared = content?.supervisors?.includes(s.userId) && content.supervisors.includes(x.userId) && content.team_id === teamId;
      return routing[0] === a.userId && routing.includes(s.userId) && routing.includes(x.userId) && declared && sMember?.content.membership === "join"
        ? sMember
        : undefined;
    },
    90_000,
  );

  // S's console: the Team view lists it; opening it shows what the visitor wrote, read-only.
  await sPage.getByRole("tab", { name: "Team" }).click();
  const teamList = sPage.getByRole("list", { name: "Team conversations" });
  await expect(teamList.getByRole("listitem")).toContainText("readable here", { timeout: 60_000 });
  await teamList.getByRole("button", { name: /Visitor/ }).click();
  await expect(sPage.locator("li.theirs", { hasText: "my order is 4321" })).toBeVisible({ timeout: 60_000 });
  await expect(sPage.getByRole("note").filter({ hasText: "You read this conversation as the supervisor of supervised" })).toBeVisible();
  await expect(sPage.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
  // Not in Mine: it is not S's conversation.
  await sPage.getByRole("tab", { name: "Mine" }).click();
  await expect(sPage.getByRole("navigation", { name: "Conversations" }).getByText("my order is 4321")).toHaveCount(0);

  // X was never invited, although the router lists X as a supervisor and X is on the roster: not signed as one
  // (the widget's role check, re-run every 3 s).
  await new Promise((r) => setTimeout(r, 8_000));
  expect(membershipOf(await roomState(roomId), x.userId)).toBeUndefined();

  // The audit: S is a supervisor (declared reader), and no alert is raised.
  const opPage: Page = await agentSignsIn(browser, stack, spec.operator);
  await opPage.goto(`${stack.appUrl}/operator/audit/${encodeURIComponent(roomId)}`);
  const sRow = opPage.getByRole("table", { name: /Devices/ }).getByRole("row", { name: new RegExp(s.userId) });
  await expect(sRow.first()).toContainText("supervisor (declared reader)");
  await expect(opPage.getByRole("region", { name: "Alerts" })).toContainText("No alerts");
  // Invited by the visitor's widget: no server added S.
  const sInvite = opPage
    .getByRole("table", { name: /Membership changes/ })
    .getByRole("row")
    .filter({ hasText: s.userId })
    .filter({ hasText: "invite" });
  await expect(sInvite).toContainText(visitor.userId);

  // The operator removes S's role: the router kicks S (the room's Megolm session rotates).
  const before = sessionOf(aDevice, roomId, "my order is 4321");
  await setRole(s.userId, { kind: "agent" });
  await setRole(x.userId, { kind: "agent" });
  await eventually(
    "S kicked by the router",
    async () => {
      const m = membershipOf(await roomState(roomId), s.userId);
      return m?.content.membership === "leave" && m.sender === stack.router.userId ? true : undefined;
    },
    60_000,
  );
  await visitorSends(chat, "after the review: my card ends 9876");
  await aDevice.waitForMessage(roomId, "my card ends 9876", 60_000);
  expect(sessionOf(aDevice, roomId, "my card ends 9876")).not.toBe(before);

  // A hostile server lets S back in (router down, so nobody kicks): S's console gets the event, not its text.
  await stopRouters();
  try {
    await forceJoin(stack, roomId, s.userId);
    await sPage.reload();
    // Not a supervisor any more: the room is just a joined room in Mine.
    await sPage.getByRole("navigation", { name: "Conversations" }).getByRole("listitem").getByRole("button").first().click({ timeout: 60_000 });
    await expect(sPage.locator("li.theirs", { hasText: "my order is 4321" })).toBeVisible({ timeout: 60_000 });
    const late = sPage.locator("li.theirs").filter({ hasText: "Unable to decrypt this message" });
    await expect(late).toHaveCount(1, { timeout: 60_000 });
    await expect(sPage.getByText("my card ends 9876")).toHaveCount(0);
    // No Team view any more.
    await expect(sPage.getByRole("tab", { name: "Team" })).toHaveCount(0);
  } finally {
    await startRouter();
  }
  await visitorCtx.close();
});
