import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { visitorOpensChat, visitorSends } from "./helpers";
import { startRouter, stackInfo, stopRouters } from "./stack-info";
import { roomStateAsAdmin } from "./support/injected-device";
import { createAgent, createTeamSite, eventually, testDb } from "./support/routing-fixtures";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test("the visitor sees whom they are chatting with once the ticket names the agent, before the router writes the routing state (seconds later in a burst)", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, "ticket-shown");
    const agent = await createAgent(stack, db, { name: "Ticket Agent", teams: [teamId] });
    const chattingWith = (chat: Awaited<ReturnType<typeof visitorOpensChat>>["chat"]) => chat.getByText("You're chatting with Ticket Agent.");
    // The router down: whatever the widget shows of the routing comes from the ticket's answer alone.
    await stopRouters();
    let opened: Awaited<ReturnType<typeof visitorOpensChat>>;
    let roomId: string;
    try {
      opened = await visitorOpensChat(browser, stack, siteId);
      await visitorSends(opened.chat, "Hello, is anyone there?");
      await expect(opened.chat.locator("li.mine", { hasText: "Hello, is anyone there?" })).toHaveAttribute("data-state", /^(sent|seen)$/);
      await expect(chattingWith(opened.chat)).toBeVisible();
      await expect(opened.chat.getByRole("heading", { name: "Ticket Agent" })).toBeVisible();

      roomId = await eventually(
        "the visitor's ticket",
        async () => (await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.siteId, siteId)))[0]?.roomId ?? undefined,
      );
      const state = await roomStateAsAdmin(stack, roomId);
      // No routing state yet, and the ticket's agent invited by the visitor.
      expect(state.filter((e) => e.type === ROUTING_EVENT)).toEqual([]);
      expect(state.find((e) => e.type === "m.room.member" && e.state_key === agent.userId)?.content.membership).toBe("invite");
    } finally {
      await startRouter();
    }
    // The router back: its routing state records the same decision, and the widget still says so.
    const routing = await eventually(
      "the router's routing state",
      async () => (await roomStateAsAdmin(stack, roomId)).find((e) => e.type === ROUTING_EVENT)?.content,
      60_000,
    );
    expect(routing).toMatchObject({ status: "assigned", agent_user_id: agent.userId, agent_display_name: "Ticket Agent" });
    await expect(chattingWith(opened.chat)).toBeVisible();
  } finally {
    await end();
  }
});
