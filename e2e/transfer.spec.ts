import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentSends, agentSignsIn, visitorOpensChat, visitorSends } from "./helpers";
import { stackInfo } from "./stack-info";
import { createAgent, createTeamSite, eventually, testDb } from "./support/routing-fixtures";

test("an agent transfers a conversation from the console; the new agent reads the whole history, even with the visitor gone", async ({ browser }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, "transfer");
    const from = await createAgent(stack, db, { name: "Transfer From", teams: [teamId] });
    const to = await createAgent(stack, db, { name: "Transfer To", teams: [teamId], availability: "away" });
    const toConsole = await agentSignsIn(browser, stack, to); // signed in (a device), but away
    const console_ = await agentSignsIn(browser, stack, from);
    const { page: visitorPage, chat } = await visitorOpensChat(browser, stack, siteId);
    await visitorSends(chat, "My parcel is lost");
    await expect(chat.getByText("You're chatting with Transfer From.")).toBeVisible();
    await console_.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Visitor/ }).click();
    await expect(console_.locator("li.theirs", { hasText: "My parcel is lost" })).toBeVisible();
    await agentSends(console_, "Let me hand you to our parcels expert");
    await expect(chat.locator("li.theirs", { hasText: "parcels expert" })).toBeVisible();
    const [row] = await db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId));
    await visitorPage.context().close(); // the visitor leaves: only the agent's console can share the history now

    await console_.getByLabel("Transfer to").selectOption(to.userId);
    await console_.getByRole("button", { name: "Transfer", exact: true }).click();
    await expect(console_.getByRole("status").filter({ hasText: "Transferred." })).toBeVisible();

    // The new agent's console joins the conversation the router assigned and decrypts all of it.
    await toConsole.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Visitor/ }).click();
    await expect(toConsole.locator("li.theirs", { hasText: "My parcel is lost" })).toContainText("· encrypted");
    await expect(toConsole.locator("li.theirs", { hasText: "parcels expert" })).toContainText("Transfer From");
    const accepted = await eventually("the new agent accepted", async () => {
      const [c] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, row.roomId));
      return c.status === "active" && c.agentUserId === to.userId ? c : undefined;
    });
    expect(accepted.declinedBy).toContain(from.userId);
    const rows = await db.select().from(schema.assignments).where(eq(schema.assignments.roomId, row.roomId));
    expect(rows.map((r) => [r.agentUserId, r.outcome])).toEqual([
      [from.userId, "transferred"],
      [to.userId, null],
    ]);
    // The previous agent is removed once the new one accepted: the conversation leaves their inbox.
    await expect(console_.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Visitor/ })).toHaveCount(0);
  } finally {
    await end();
  }
});
