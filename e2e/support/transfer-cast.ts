// The cast of a console transfer: an agent who has the conversation and one
// it goes to, both signed in to the console, and the console steps of a transfer.
import { expect, type Browser, type FrameLocator, type Locator, type Page } from "@playwright/test";
import { agentSends, agentSignsIn, visitorOpensChat, visitorSends } from "../helpers";
import type { StackInfo } from "../stack-info";
import { createAgent, createTeamSite, type testDb, type TestAgent } from "./routing-fixtures";

/** The console's list of conversations. */
export const conversationsNav = (page: Page): Locator => page.getByRole("navigation", { name: "Conversations" });

/** The visitor's conversation in an agent's console list (to click it open). */
export const visitorConversation = (page: Page): Locator => conversationsNav(page).getByRole("button", { name: /Visitor/ });

/**
 * A site with a team of its own; `from` in it (available, so the router gives
 * them the conversation) and `to` in it too, but away (so it is only theirs by
 * a transfer), or with `toOtherTeam` in another team's site, available. The
 * consoles are signed in `to` first, then `from`.
 */
export async function transferCast(
  browser: Browser,
  stack: StackInfo,
  db: ReturnType<typeof testDb>["db"],
  names: { site: string; from: string; to: string; toOtherTeam?: string },
): Promise<{ siteId: string; otherTeamId?: string; from: TestAgent; to: TestAgent; fromConsole: Page; toConsole: Page }> {
  const { siteId, teamId } = await createTeamSite(stack, db, names.site);
  const other = names.toOtherTeam === undefined ? undefined : await createTeamSite(stack, db, names.toOtherTeam);
  const from = await createAgent(stack, db, { name: names.from, teams: [teamId] });
  const to = other
    ? await createAgent(stack, db, { name: names.to, teams: [other.teamId] })
    : await createAgent(stack, db, { name: names.to, teams: [teamId], availability: "away" });
  const toConsole = await agentSignsIn(browser, stack, to);
  const fromConsole = await agentSignsIn(browser, stack, from);
  return { siteId, otherTeamId: other?.teamId, from, to, fromConsole, toConsole };
}

/** The agent transfers the open conversation to `target` (a user id, or `team:<id>`) and sees it done. */
export async function transferTo(console_: Page, target: string): Promise<void> {
  await console_.getByLabel("Transfer to").selectOption(target);
  await console_.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(console_.getByRole("status").filter({ hasText: "Transferred." })).toBeVisible();
}

/**
 * Before a transfer: the visitor opens the chat and asks `question`; the first
 * agent opens the conversation, reads it decrypted, and answers `answer`,
 * which the visitor sees.
 */
export async function visitorAsksFirstAgentAnswers(
  browser: Browser,
  stack: StackInfo,
  { siteId, fromConsole }: { siteId: string; fromConsole: Page },
  question: string,
  answer: string,
): Promise<{ page: Page; chat: FrameLocator }> {
  const { page, chat } = await visitorOpensChat(browser, stack, siteId);
  await visitorSends(chat, question);
  await visitorConversation(fromConsole).click();
  await expect(fromConsole.locator("li.theirs", { hasText: question })).toContainText("· encrypted");
  await agentSends(fromConsole, answer);
  await expect(chat.locator("li.theirs", { hasText: answer })).toBeVisible();
  return { page, chat };
}
