// Issue 16, item 2: offboarding in one action. Agent A has a conversation; an
// operator offboards A on the Agents page, signing the roster without A in the
// browser. The visitor's widget shows the change, the conversation goes to B who
// reads new messages, A's old token is dead and A's kept device (its keys still in
// memory) cannot decrypt a new visitor message; the audit shows the entry.
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { MatrixEvent, type IEvent } from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import { verifyRoster } from "../lib/roster/verify-roster";
import { defined } from "../lib/testing/defined";
import { agentSignsInFirstTime, visitorSends } from "./helpers";
import { roomStateAsAdmin } from "./support/injected-device";
import { messageWith, startNodeAgent, type NodeAgent } from "./support/node-matrix-agent";
import { consoleSession, operatorSpec, type OperatorSpec } from "./support/org-roster";
import { conversationRow, createAgent, createTeamSite } from "./support/routing-fixtures";
import { visitorReachesAgent } from "./support/widget-chat";

test.describe.configure({ mode: "serial" });

// Set by operatorSpec (below); the operator's page, recovery key and organisation key by the first test.
let { stack, fixtures, operator, api } = {} as OperatorSpec;
let opPage: Page, recoveryKey: string, orgKey: string;
const nodeAgents: NodeAgent[] = [];

/** The roster every widget fetches, verified against the organisation key. */
async function servedRosterIds(): Promise<string[]> {
  const served = (await (await fetch(`${stack.appUrl}/api/roster`)).json()) as { roster: unknown };
  const checked = await verifyRoster(served.roster, orgKey);
  if (!checked.ok) throw new Error(`the served roster does not verify: ${checked.reason}`);
  return checked.roster.agents.map((a) => a.user_id);
}

/** A's kept device tries to decrypt an event (its wire JSON) with the keys it holds. */
async function keptDeviceDecrypts(device: NodeAgent, raw: Partial<IEvent>): Promise<string | null> {
  const ev = new MatrixEvent(structuredClone(raw));
  await device.client.decryptEventIfNeeded(ev);
  return ev.isDecryptionFailure() ? null : String(ev.getContent().body);
}

/** The encrypted event (wire JSON) and its Megolm session of the message whose body includes `text`, from `who`'s timeline. */
function wireEvent(who: NodeAgent, roomId: string, text: string): { raw: Partial<IEvent>; session: string } {
  const ev = messageWith(who, roomId, text);
  return { raw: ev.event, session: String(ev.getWireContent().session_id) };
}

const spec = operatorSpec("Offboarding Operator", nodeAgents);
test.beforeAll(() => void ({ stack, fixtures, operator, api } = spec));

test("an operator offboards agent A in one action: roster re-signed, A removed and deactivated, the conversation re-routed to B; A's kept device cannot read on", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // The operator's organisation key, made in the browser at the first sign-in.
  const signedIn = await agentSignsInFirstTime(browser, stack, operator);
  opPage = signedIn.page;
  recoveryKey = defined(signedIn.recoveryKey, "the operator's recovery key");
  await opPage.getByRole("region", { name: "Set up your organisation key" }).getByRole("button", { name: "Create the organisation key now" }).click();
  const fingerprint = opPage.getByLabel("Organisation key fingerprint");
  await expect(fingerprint).toHaveText(/^ed25519:[A-Za-z0-9+/]{43}$/, { timeout: 30_000 });
  orgKey = defined(await fingerprint.textContent(), "the fingerprint");

  // A (available) and B (away for now) in the site's team, added by the operator, each with an identity.
  const { siteId, teamId } = await createTeamSite(stack, fixtures.db, "offboard");
  const a = await createAgent(stack, fixtures.db, { name: "Leaving Agent", teams: [teamId], availability: "available" });
  const b = await createAgent(stack, fixtures.db, { name: "Next Agent", teams: [teamId], availability: "away" });
  for (const who of [a, b]) await fixtures.db.update(schema.agents).set({ addedBy: operator.userId }).where(eq(schema.agents.userId, who.userId));
  const aDevice = await startNodeAgent({ baseUrl: stack.synapseUrl, username: a.username, password: a.password });
  const bDevice = await startNodeAgent({ baseUrl: stack.synapseUrl, username: b.username, password: b.password });
  nodeAgents.push(bDevice); // A's device is never logged out by the test: its token must die with the offboarding
  await opPage.goto(`${stack.appUrl}/operator/trust`);
  await opPage.getByRole("textbox", { name: "Recovery key" }).fill(recoveryKey);
  await opPage.getByRole("button", { name: "Unlock" }).click();
  await opPage.getByRole("button", { name: "Sign roster" }).click({ timeout: 60_000 });
  await expect(opPage.getByRole("status").filter({ hasText: /^Roster version 1 published/ })).toBeVisible({ timeout: 30_000 });
  expect(await servedRosterIds()).toEqual(expect.arrayContaining([a.userId, b.userId]));

  // The visitor (widget with the organisation key) talks to A.
  const {
    context: visitorCtx,
    chat,
    roomId,
  } = await visitorReachesAgent(browser, stack, { siteId, orgKey, agent: aDevice, text: "before offboarding: my order is 1234" });
  await expect(chat.getByText("You're chatting with Leaving Agent.")).toBeVisible({ timeout: 60_000 });
  const before = wireEvent(aDevice, roomId, "before offboarding");
  const aToken = defined(aDevice.client.getAccessToken(), "A's access token");

  // B becomes available; the operator offboards A on the Agents page.
  await fixtures.db.update(schema.agents).set({ availability: "available" }).where(eq(schema.agents.userId, b.userId));
  await opPage.goto(`${stack.appUrl}/operator/agents`);
  await opPage.getByRole("button", { name: "Offboard Leaving Agent" }).click();
  const dialog = opPage.getByRole("dialog", { name: "Offboard Leaving Agent?" });
  await expect(dialog).toContainText("What they already read cannot be taken back");
  await dialog.getByRole("textbox", { name: "Recovery key" }).fill(recoveryKey);
  await dialog.getByRole("button", { name: "Offboard", exact: true }).click();
  await expect(opPage.getByRole("status").filter({ hasText: "Leaving Agent is offboarded: 1 open conversation re-routed, account deactivated." })).toBeVisible({
    timeout: 90_000,
  });

  // The roster no longer lists A (signed in the browser: version 2 verifies against the fingerprint).
  const roster = await servedRosterIds();
  expect(roster).not.toContain(a.userId);
  expect(roster).toContain(b.userId);
  // A was kicked by the router (a membership change: Megolm rotates), and A's old token is dead.
  const state = await roomStateAsAdmin<{ membership?: string }>(stack, roomId);
  const aMember = state.find((e) => e.type === "m.room.member" && e.state_key === a.userId);
  expect([aMember?.content.membership, aMember?.sender]).toEqual(["leave", stack.router.userId]);
  const whoami = await fetch(`${stack.synapseUrl}/_matrix/client/v3/account/whoami`, { headers: { authorization: `Bearer ${aToken}` } });
  expect(whoami.status).toBe(401);
  const read = await fetch(`${stack.synapseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=5`, {
    headers: { authorization: `Bearer ${aToken}` },
  });
  expect(read.status).toBe(401);

  // The conversation goes to B: the widget says so, B reads what the visitor writes next.
  const bRoom = await bDevice.waitForInvite((r) => r === roomId, 60_000);
  await bDevice.join(bRoom);
  await expect(chat.getByText("You're chatting with Next Agent.")).toBeVisible({ timeout: 60_000 });
  await visitorSends(chat, "after offboarding: my card ends 9876");
  await bDevice.waitForMessage(roomId, "after offboarding", 60_000);
  const after = wireEvent(bDevice, roomId, "after offboarding");
  expect(after.session).not.toBe(before.session);
  // A's kept device still decrypts what it already read (that cannot be taken back), but not the new message.
  expect(await keptDeviceDecrypts(aDevice, before.raw)).toContain("before offboarding");
  expect(await keptDeviceDecrypts(aDevice, after.raw)).toBeNull();

  // What the database recorded: one re-routing, A's assignment ended as offboarded, B's open.
  const row = defined(await conversationRow(fixtures.db, roomId), "the conversation row");
  expect([row.agentUserId, row.declinedBy]).toEqual([b.userId, [a.userId]]);
  const assignments = await fixtures.db.select().from(schema.assignments).where(eq(schema.assignments.roomId, roomId));
  expect(assignments.find((x) => x.agentUserId === a.userId)?.outcome).toBe("offboarded");

  // A second request finishes nothing more and re-routes nothing again; offboarding oneself is refused.
  const again = await api.post("/api/operator/offboard", { data: { userId: a.userId } });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { rerouted: number }).rerouted).toBe(1);
  const self = await api.post("/api/operator/offboard", { data: { userId: operator.userId } });
  expect(self.status()).toBe(409);
  const bSession = await consoleSession(stack, b);
  expect((await bSession.post("/api/operator/offboard", { data: { userId: a.userId } })).status()).toBe(403);
  await bSession.dispose();

  // The audit shows the entry: who, by whom, how many re-routed, finished.
  await opPage.goto(`${stack.appUrl}/operator/audit`);
  const entry = opPage.getByRole("table", { name: /Offboarded agents/ }).getByRole("row", { name: new RegExp(a.userId) });
  await expect(entry).toContainText(operator.userId);
  await expect(entry.getByRole("cell").nth(4)).toHaveText("1");
  await expect(entry).toContainText("UTC");
  await expect(entry).not.toContainText("not finished");
  aDevice.client.stopClient();
  await visitorCtx.close();
});

test("roles: an operator makes B a supervisor of a team through the typed API; it is audited, and the last operator cannot be demoted", async () => {
  const { teamId } = await createTeamSite(stack, fixtures.db, "supervised");
  const b = await createAgent(stack, fixtures.db, { name: "Future Supervisor", teams: [teamId], availability: "offline" });
  const changed = await api.post("/api/operator/agent-role", { data: { userId: b.userId, role: { kind: "supervisor", teamId } } });
  expect(changed.status()).toBe(200);
  expect(await changed.json()).toEqual({ from: "agent", to: `supervisor:${teamId}` });
  const [bRow] = await fixtures.db.select().from(schema.agents).where(eq(schema.agents.userId, b.userId));
  expect(bRow?.supervisesTeamId).toBe(teamId);
  // Bad input: a 4xx that changes nothing.
  expect((await api.post("/api/operator/agent-role", { data: { userId: b.userId, role: { kind: "supervisor", teamId: "no-such-team" } } })).status()).toBe(400);
  expect((await api.post("/api/operator/agent-role", { data: { userId: b.userId, role: { kind: "king" } } })).status()).toBe(400);
  // The operators of other specs may share this stack: demote down to one, then the last is refused.
  const operators = await fixtures.db.select().from(schema.agents).where(eq(schema.agents.role, "operator"));
  const others = operators.filter((o) => o.userId !== operator.userId && !o.offboardedAt);
  for (const o of others) await fixtures.db.update(schema.agents).set({ role: "agent" }).where(eq(schema.agents.userId, o.userId));
  try {
    expect((await api.post("/api/operator/agent-role", { data: { userId: operator.userId, role: { kind: "agent" } } })).status()).toBe(409);
  } finally {
    for (const o of others) await fixtures.db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, o.userId));
  }
  const [still] = await fixtures.db.select().from(schema.agents).where(eq(schema.agents.userId, operator.userId));
  expect(still?.role).toBe("operator");
  await opPage.goto(`${stack.appUrl}/operator/audit`);
  const entry = opPage.getByRole("table", { name: /Role changes/ }).getByRole("row", { name: new RegExp(b.userId) });
  await expect(entry).toContainText(`supervisor:${teamId}`);
  await expect(entry).toContainText(operator.userId);
});
