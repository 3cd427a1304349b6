import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createClient, Direction } from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import { agentSends, agentSignsIn, visitorOpensChat, visitorSends } from "./helpers";
import { findPlaintext, scannerSees } from "./plaintext-scan";
import { stackInfo } from "./stack-info";
import { createAgent, createTeamSite, eventually, testDb } from "./support/routing-fixtures";
import { conversationsNav, transferCast, transferTo } from "./support/transfer-cast";
import { widgetFrame } from "./support/widget-chat";
import { defined } from "../lib/testing/defined";

test("an agent takes a waiting conversation from the Queue and reads it; operators see every conversation in All, metadata only; agents get 403 on All", async ({
  browser,
}) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const { siteId, teamId } = await createTeamSite(stack, db, "queue");
    // Away: the router queues the conversation (the team are its readers), nobody is assigned.
    const agent = await createAgent(stack, db, { name: "Queue Taker", teams: [teamId], availability: "away" });
    const lead = await createAgent(stack, db, { name: "Queue Lead", teams: [] });
    await db.update(schema.agents).set({ role: "operator" }).where(eq(schema.agents.userId, lead.userId));
    const page = await agentSignsIn(browser, stack, agent);
    const { chat } = await visitorOpensChat(browser, stack, siteId);
    await visitorSends(chat, "Is anyone there? Order 4711 is late");
    const row = await eventually("the conversation is queued", async () => {
      const rows = await db
        .select()
        .from(schema.conversations)
        .where(and(eq(schema.conversations.siteId, siteId), eq(schema.conversations.status, "queued")));
      return rows[0];
    });

    // Not in Mine (not assigned); in Queue with the site and the wait.
    await expect(conversationsNav(page).getByRole("button", { name: /Visitor/ })).toHaveCount(0);
    await conversationsNav(page).getByRole("tab", { name: "Queue" }).click();
    const waiting = conversationsNav(page).getByRole("list", { name: "Waiting conversations" }).getByRole("listitem");
    await expect(waiting).toHaveCount(1);
    await expect(waiting).toContainText("queue");
    await expect(waiting).toContainText(/waiting \d+ (s|min)/);
    // Agents have no All view, and its API refuses them.
    await expect(conversationsNav(page).getByRole("tab", { name: "All" })).toHaveCount(0);
    const refused = await page.request.get(`${stack.appUrl}/api/operator/conversations`);
    expect(refused.status()).toBe(403);

    await waiting.getByRole("button", { name: /^Take Visitor/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Taken" })).toBeVisible();
    // Mine: the console joined, the history shared while queued decrypts.
    await conversationsNav(page)
      .getByRole("button", { name: /Visitor/ })
      .click();
    await expect(page.locator("li.theirs", { hasText: "Order 4711 is late" })).toContainText("· encrypted");
    await agentSends(page, "I am on it");
    await expect(chat.locator("li.theirs", { hasText: "I am on it" })).toBeVisible();
    const taken = await eventually("the agent accepted", async () => {
      const [c] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, row.roomId));
      return c?.status === "active" ? c : undefined;
    });
    expect(taken.agentUserId).toBe(agent.userId);
    // Taking it again (or someone else's) is refused with a clear answer, nothing changes.
    const again = await page.request.post(`${stack.appUrl}/api/agent/claim`, { data: { roomId: "!nope:localhost" } });
    expect(again.status()).toBe(404);

    // The operator is not a reader: All lists it with site, agent and status; opening it shows metadata only.
    const opPage = await agentSignsIn(browser, stack, lead);
    await conversationsNav(opPage).getByRole("tab", { name: "All" }).click();
    const all = conversationsNav(opPage).getByRole("list", { name: "All open conversations" }).getByRole("listitem").filter({ hasText: "queue" });
    await expect(all).toContainText("Queue Taker");
    await expect(all).toContainText("Active");
    await all.getByRole("button", { name: /Visitor/ }).click();
    const details = opPage.getByRole("region", { name: "Conversation details" });
    await expect(details).toContainText("end-to-end encrypted");
    await expect(opPage.getByText("Order 4711 is late")).toHaveCount(0);
  } finally {
    await end();
  }
});

test("an internal note reaches the next agent on a transfer and never the visitor", async ({ browser }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  const note = `Internal: refund approved ${Date.now().toString(36)}`;
  try {
    const { siteId, from, to, fromConsole, toConsole } = await transferCast(browser, stack, db, { site: "notes", from: "Notes From", to: "Notes To" });
    const { page: visitorPage, chat } = await visitorOpensChat(browser, stack, siteId);
    await visitorSends(chat, "I want a refund");
    await conversationsNav(fromConsole)
      .getByRole("button", { name: /Visitor/ })
      .click();
    await expect(fromConsole.locator("li.theirs", { hasText: "I want a refund" })).toBeVisible();

    const notes = fromConsole.getByRole("complementary", { name: "Internal notes" });
    await notes.getByLabel("Add an internal note").fill(note);
    await notes.getByRole("button", { name: "Add note" }).click();
    // In the notes list (not the composer), sent and encrypted in the notes room.
    await expect(notes.getByRole("listitem").filter({ hasText: note })).toHaveAttribute("data-state", "sent", { timeout: 30_000 });
    const conversation = defined((await db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId)))[0], "the conversation row");
    const link = defined(
      (await db.select().from(schema.conversationNotes).where(eq(schema.conversationNotes.roomId, conversation.roomId)))[0],
      "the notes room link",
    );
    expect(link.notesRoomId).not.toBe(conversation.roomId);
    // Before the transfer the other agent may not even learn where the notes are; a visitor's room is never accepted as notes room.
    expect((await toConsole.request.get(`${stack.appUrl}/api/agent/notes?roomId=${encodeURIComponent(conversation.roomId)}`)).status()).toBe(403);
    const hijack = await fromConsole.request.post(`${stack.appUrl}/api/agent/notes`, {
      data: { roomId: conversation.roomId, notesRoomId: conversation.roomId },
    });
    expect(hijack.status()).toBe(400);
    const still = defined(
      (await db.select().from(schema.conversationNotes).where(eq(schema.conversationNotes.roomId, conversation.roomId)))[0],
      "the notes room link",
    );
    expect(still.notesRoomId).toBe(link.notesRoomId);

    await transferTo(fromConsole, to.userId);
    // The new agent reads the note, decrypted in their browser, shown as internal.
    await conversationsNav(toConsole)
      .getByRole("button", { name: /Visitor/ })
      .click();
    await expect(toConsole.getByRole("complementary", { name: "Internal notes" }).getByRole("listitem").filter({ hasText: note })).toHaveAttribute(
      "data-state",
      "sent",
      { timeout: 60_000 },
    );
    await agentSends(toConsole, "Your refund is on its way");
    await expect(chat.locator("li.theirs", { hasText: "refund is on its way" })).toBeVisible();

    // The visitor's widget never shows the note.
    await expect(chat.getByText(note)).toHaveCount(0);
    await expect(chat.locator("body")).not.toContainText("Internal");
    // The visitor's own session (the widget's token) is not a member, cannot join, cannot read it.
    const session = await widgetFrame(visitorPage).evaluate(
      (k) => JSON.parse(localStorage.getItem(k) ?? "{}") as { userId: string; accessToken: string; homeserverUrl: string },
      `sealdesk:visitor:${siteId}`,
    );
    const visitor = createClient({ baseUrl: session.homeserverUrl, userId: session.userId, accessToken: session.accessToken });
    expect((await visitor.getJoinedRooms()).joined_rooms).toContain(conversation.roomId);
    expect((await visitor.getJoinedRooms()).joined_rooms).not.toContain(link.notesRoomId);
    await expect(visitor.joinRoom(link.notesRoomId)).rejects.toMatchObject({ httpStatus: 403 });
    await expect(visitor.createMessagesRequest(link.notesRoomId, null, 50, Direction.Backward)).rejects.toMatchObject({ httpStatus: 403 });
    // The notes room's members are the two agents only (asked as the new agent, on a key-less session).
    const login = await createClient({ baseUrl: stack.synapseUrl }).loginRequest({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: to.username },
      password: to.password,
    });
    const asTo = createClient({ baseUrl: stack.synapseUrl, userId: login.user_id, accessToken: login.access_token });
    const joined = await eventually("the new agent joined the notes", async () => {
      const { joined } = await asTo.getJoinedRoomMembers(link.notesRoomId);
      return Object.keys(joined).length === 2 ? Object.keys(joined) : undefined;
    });
    expect(joined.sort()).toEqual([from.userId, to.userId].sort());
    await asTo.logout(true);

    // No server stores the note in the clear.
    expect(await scannerSees(stack, link.notesRoomId)).toBe(true);
    expect(await findPlaintext(stack, [note])).toEqual([]);
  } finally {
    await end();
  }
});
