import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { openState } from "../lib/hours/open-state";
import type { TeamHours } from "../lib/hours/team-hours";
import { replyByText } from "../lib/widget-i18n/status-format";
import { agentSends, agentSignsIn, visitorOpensChat, visitorSends } from "./helpers";
import { findPlaintext } from "./plaintext-scan";
import { stackInfo } from "./stack-info";
import { createAgent, createTeamSite, eventually, testDb } from "./support/routing-fixtures";
import { conversationsNav } from "./support/transfer-cast";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const hh = (h: number): string => `${String(h % 24).padStart(2, "0")}:00`;

/** The operator fills the agents page's business-hours form for `teamId`: every day `range` in UTC, or always open. */
async function setHours(op: Page, appUrl: string, teamId: string, range: string | "always open"): Promise<void> {
  await op.goto(`${appUrl}/operator/agents`);
  const form = op.getByRole("form", { name: "Business hours" });
  await form.getByRole("combobox", { name: /^Team/ }).selectOption(teamId);
  const always = form.getByLabel("Always open (no business hours)");
  if (range === "always open") await always.check();
  else {
    await always.uncheck();
    await form.getByLabel("Time zone").fill("UTC");
    for (const day of DAYS) await form.getByLabel(new RegExp(`^${day}`)).fill(range);
  }
  await form.getByRole("button", { name: "Save hours" }).click();
  await expect(form.getByRole("status")).toContainText("saved");
}

test("after hours: the widget says when the team replies, the visitor writes, the conversation waits in the queue, and next morning the agent who takes it reads it", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, "hours");
    // Away overnight; signed in before (as every day), so their device exists.
    const agent = await createAgent(stack, db, { name: "Morning Agent", teams: [teamId], availability: "away" });
    const lead = await createAgent(stack, db, { name: "Hours Operator", teams: [] });
    await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, lead.userId));
    const agentPage = await agentSignsIn(browser, stack, agent);
    const op = await agentSignsIn(browser, stack, lead);

    // The operator sets the team's hours to a range that excludes now: opening in two hours (UTC).
    const range = `${hh(new Date().getUTCHours() + 2)}-${hh(new Date().getUTCHours() + 3)}`;
    await setHours(op, stack.appUrl, teamId, range);
    const [team] = await db.select().from(schema.teams).where(eq(schema.teams.id, teamId));
    const hours = team?.hours as TeamHours;
    expect(hours.timeZone).toBe("UTC");
    const state = openState(hours, new Date());
    expect(state.open).toBe(false);
    const opensAt = state.open ? null : state.opensAt;

    // Bad input: a clear 400, the stored hours unchanged; an agent is refused.
    const bad = await op.request.put(`${stack.appUrl}/api/operator/teams/hours`, {
      data: { teamId, hours: { ...hours, timeZone: "Mars/Olympus_Mons" } },
    });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("IANA");
    const unknown = await op.request.put(`${stack.appUrl}/api/operator/teams/hours`, { data: { teamId: "no-such-team", hours: null } });
    expect(unknown.status()).toBe(404);
    expect((await agentPage.request.put(`${stack.appUrl}/api/operator/teams/hours`, { data: { teamId, hours: null } })).status()).toBe(403);
    const [after] = await db.select().from(schema.teams).where(eq(schema.teams.id, teamId));
    expect(after?.hours).toEqual(hours);

    // The visitor sees "closed" with the next opening in their own time, and can still write.
    const { page: visitorPage, chat } = await visitorOpensChat(browser, stack, siteId);
    const visitorZone = await visitorPage.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const status = chat.locator(".team-status[role=status]");
    await expect(status).toContainText("We're closed now.");
    await expect(status).toContainText(`We reply by ${replyByText(opensAt!, new Date(), "en", visitorZone)}.`);
    const question = `After hours: parcel 5521 never arrived ${Date.now()}`;
    await visitorSends(chat, question);
    const row = await eventually("the conversation is queued", async () => {
      const [c] = await db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId));
      return c?.status === "queued" ? c : undefined;
    });
    expect(row.agentUserId).toBeNull();
    await expect(chat.locator(".notice[role=status]")).toContainText("we will answer here when we open");
    await expect(chat.locator("li", { hasText: question })).toContainText(/Sent|Seen/);
    await visitorPage.context().close(); // the visitor leaves for the night

    // Next morning: the hours include now; the status line of a new visit says busy (nobody available yet).
    await setHours(op, stack.appUrl, teamId, "00:00-24:00");
    const frame = await op.request.get(`${stack.appUrl}/widget/frame?site=${siteId}`);
    expect(await frame.text()).toContain('data-status="busy"');

    // The agent takes it from the Queue and reads what the visitor wrote overnight, decrypted.
    await agentPage.reload();
    await conversationsNav(agentPage).getByRole("tab", { name: "Queue" }).click();
    const waiting = conversationsNav(agentPage).getByRole("list", { name: "Waiting conversations" }).getByRole("listitem");
    await expect(waiting).toHaveCount(1, { timeout: 30_000 });
    await waiting.getByRole("button", { name: /^Take Visitor/ }).click();
    await expect(agentPage.getByRole("status").filter({ hasText: "Taken" })).toBeVisible();
    await conversationsNav(agentPage)
      .getByRole("button", { name: /Visitor/ })
      .click();
    await expect(agentPage.locator("li.theirs", { hasText: question })).toContainText("· encrypted", { timeout: 30_000 });
    await agentSends(agentPage, "Good morning, I am on it");
    const taken = await eventually("the agent who took it has it", async () => {
      const [c] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, row.roomId));
      return c?.status === "active" ? c : undefined;
    });
    expect(taken.agentUserId).toBe(agent.userId);
    expect(await findPlaintext(stack, [question])).toEqual([]);

    // With an agent available under capacity the status is online; a site that hides it shows nothing.
    await db.update(schema.agents).set({ availability: "available" }).where(eq(schema.agents.userId, agent.userId));
    // A German page: the status in German.
    const visitorsOfSite = async () => (await db.select().from(schema.visitors).where(eq(schema.visitors.siteId, siteId))).length;
    const visitorsBefore = await visitorsOfSite();
    const german = await (await browser.newContext()).newPage();
    await german.goto(`${stack.demoUrl}/?${new URLSearchParams({ site: siteId, lang: "de" })}`);
    await german.getByRole("button", { name: "Open support chat" }).click();
    const next = german.frameLocator('iframe[title="Support chat"]');
    await expect(next.locator(".team-status[role=status]")).toHaveText("Wir sind online.", { timeout: 30_000 });
    await expect(next.getByRole("textbox", { name: "Nachricht" })).toBeVisible();
    const hide = await op.request.patch(`${stack.appUrl}/api/operator/sites`, { data: { id: siteId, showStatus: false } });
    expect(hide.status()).toBe(200);
    const hidden = await (await op.request.get(`${stack.appUrl}/widget/frame?site=${siteId}`)).text();
    expect(hidden).not.toContain("data-status");
    // Its widget's visitor account is made in the background (the composer opens first): wait for it, then close the
    // page, so that no account appears during the next spec (e2e/api-input.spec.ts counts them).
    await eventually("the German visitor's account", async () => ((await visitorsOfSite()) > visitorsBefore ? true : undefined));
    await german.context().close();
  } finally {
    await end();
  }
});
