import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { visitorOpensChat, visitorSends } from "./helpers";
import { startRouter, stackInfo, stopRouters, type StackInfo } from "./stack-info";
import { createAgent, createTeamSite, eventually, testDb } from "./support/routing-fixtures";

type StateEvent = { type: string; state_key?: string; content: Record<string, unknown> };

/** The room's current state as Synapse holds it (an admin's read: what the router has or has not written). */
async function roomState(stack: StackInfo, roomId: string): Promise<StateEvent[]> {
  const res = await fetch(`${stack.synapseUrl}/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state`, {
    headers: { authorization: `Bearer ${stack.admin.accessToken}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { state: StateEvent[] }).state;
}

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test("the visitor sees whom they are chatting with once the ticket names the agent, before the router writes the routing state (seconds later in a burst)", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  const { siteId, teamId } = await createTeamSite(stack, db, "ticket-shown");
  const agent = await createAgent(stack, db, { name: "Ticket Agent", teams: [teamId] });
  // The router down: whatever the widget shows of the routing comes from the ticket's answer alone.
  await stopRouters();
  try {
    const { chat } = await visitorOpensChat(browser, stack, siteId);
    await visitorSends(chat, "Hello, is anyone there?");
    await expect(chat.locator("li.mine", { hasText: "Hello, is anyone there?" })).toHaveAttribute("data-state", /^(sent|seen)$/);
    await expect(chat.getByText("You're chatting with Ticket Agent.")).toBeVisible();
    await expect(chat.getByRole("heading", { name: "Ticket Agent" })).toBeVisible();

    const ticket = await eventually(
      "the visitor's ticket",
      async () => (await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.siteId, siteId)))[0]?.roomId ?? undefined,
    );
    const state = await roomState(stack, ticket);
    // No routing state yet, and the ticket's agent invited by the visitor.
    expect(state.filter((e) => e.type === ROUTING_EVENT)).toEqual([]);
    expect(state.find((e) => e.type === "m.room.member" && e.state_key === agent.userId)?.content.membership).toBe("invite");
  } finally {
    await startRouter();
  }
  try {
    // The router back: its routing state records the same decision, and the widget still says so.
    const roomId = (await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.siteId, siteId)))[0]?.roomId ?? "";
    const routing = await eventually(
      "the router's routing state",
      async () => (await roomState(stack, roomId)).find((e) => e.type === ROUTING_EVENT)?.content,
      60_000,
    );
    expect(routing).toMatchObject({ status: "assigned", agent_user_id: agent.userId, agent_display_name: "Ticket Agent" });
  } finally {
    await end();
  }
});
