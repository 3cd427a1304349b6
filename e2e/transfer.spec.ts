import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { agentSends, visitorOpensChat, visitorSends } from "./helpers";
import { stackInfo, startRouter, stopRouters } from "./stack-info";
import { forgeVisitorSession } from "./support/forged-key-bundle";
import { asAdmin, forceJoin } from "./support/injected-device";
import type { NodeAgent } from "./support/node-matrix-agent";
import { newStranger } from "./support/stranger";
import { eventually, testDb } from "./support/routing-fixtures";
import { transferCast, transferTo, visitorAsksFirstAgentAnswers, visitorConversation } from "./support/transfer-cast";
import { openChat } from "./support/widget-chat";
import { defined } from "../lib/testing/defined";

// The visitor's widget is open, so it invites the new agent and shares the history itself
// (agents' consoles hold back; see followRouting's deferInvitesMs).
test("an agent transfers a conversation from the console; the new agent reads the whole history and talks with the visitor", async ({ browser }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const cast = await transferCast(browser, stack, db, { site: "transfer", from: "Transfer From", to: "Transfer To" });
    const { siteId, from, to, fromConsole: console_, toConsole } = cast;
    // The new agent is signed in (a device), but away.
    const { chat } = await visitorOpensChat(browser, stack, siteId);
    await visitorSends(chat, "My parcel is lost");
    await expect(chat.getByText("You're chatting with Transfer From.")).toBeVisible();
    await visitorConversation(console_).click();
    await expect(console_.locator("li.theirs", { hasText: "My parcel is lost" })).toBeVisible();
    await agentSends(console_, "Let me hand you to our parcels expert");
    await expect(chat.locator("li.theirs", { hasText: "parcels expert" })).toBeVisible();
    const row = defined((await db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId)))[0], "the conversation row");

    await transferTo(console_, to.userId);

    // The new agent's console joins the conversation the router assigned, and the chat goes on.
    await visitorConversation(toConsole).click();
    await expect(chat.getByText("You're chatting with Transfer To.")).toBeVisible();
    // Everything said before the transfer, decrypted in the new agent's browser.
    await expect(toConsole.locator("li.theirs", { hasText: "My parcel is lost" })).toContainText("· encrypted");
    await expect(toConsole.locator("li", { hasText: "Let me hand you to our parcels expert" })).toContainText("· encrypted");
    await visitorSends(chat, "Thanks, I will wait");
    await expect(toConsole.locator("li.theirs", { hasText: "Thanks, I will wait" })).toContainText("· encrypted");
    await agentSends(toConsole, "Found it: it is at the depot");
    await expect(chat.locator("li.theirs", { hasText: "at the depot" }).locator(".sender")).toHaveText("Transfer To");
    const accepted = await eventually("the new agent accepted", async () => {
      const [c] = await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, row.roomId));
      return c?.status === "active" && c.agentUserId === to.userId ? c : undefined;
    });
    expect(accepted.declinedBy).toContain(from.userId);
    // In assignment order (without ORDER BY, PostgreSQL may return the updated row last).
    const rows = await db.select().from(schema.assignments).where(eq(schema.assignments.roomId, row.roomId)).orderBy(schema.assignments.id);
    expect(rows.map((r) => [r.agentUserId, r.outcome])).toEqual([
      [from.userId, "transferred"],
      [to.userId, null],
    ]);
    // The previous agent is removed once the new one accepted: the conversation leaves their inbox.
    await expect(visitorConversation(console_)).toHaveCount(0);
  } finally {
    await end();
  }
});

// The usual case in support: the visitor has gone (tab closed) when a specialist takes over.
// Only the previous agent's console holds the keys then, and shares them on invite (MSC4268).
test("with the visitor's widget closed, the new agent reads every earlier message and the returning visitor reads the reply", async ({ browser }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const cast = await transferCast(browser, stack, db, { site: "transfer-gone", from: "Gone From", to: "Gone To" });
    const { siteId, to, fromConsole: console_, toConsole } = cast;
    const visitorContext = await browser.newContext();
    const first = await openChat(visitorContext, stack, siteId);
    const asked = ["My order never arrived", "It was order 4417", "I paid by card"];
    for (const text of asked) await visitorSends(first.chat, text);
    await expect(first.chat.getByText("You're chatting with Gone From.")).toBeVisible();
    await visitorConversation(console_).click();
    for (const text of asked) await expect(console_.locator("li.theirs", { hasText: text })).toContainText("· encrypted");
    await agentSends(console_, "A colleague from shipping will look into it");
    await expect(first.chat.locator("li.theirs", { hasText: "colleague from shipping" })).toBeVisible();

    // The visitor leaves: the widget is gone, only the previous agent's console holds the keys.
    await first.page.close();
    await transferTo(console_, to.userId);

    // Every earlier message, decrypted in the new agent's browser and shown as its real sender's.
    await visitorConversation(toConsole).click();
    for (const text of asked) {
      const item = toConsole.locator("li.theirs", { hasText: text });
      await expect(item).toContainText("· encrypted");
      await expect(item.locator(".sender")).toHaveText("Visitor");
    }
    const previous = toConsole.locator("li.theirs", { hasText: "A colleague from shipping will look into it" });
    await expect(previous).toContainText("· encrypted");
    await expect(previous.locator(".sender")).toHaveText("Gone From");
    await expect(toConsole.locator("li[data-state=undecryptable], li.unverified")).toHaveCount(0);
    await agentSends(toConsole, "Your parcel is at the depot, it leaves tomorrow");

    // The visitor comes back later (same browser) and reads the new agent's reply.
    const again = await openChat(visitorContext, stack, siteId);
    const reply = again.chat.locator("li.theirs", { hasText: "it leaves tomorrow" });
    await expect(reply).toHaveAttribute("data-state", "sent");
    await expect(reply.locator(".sender")).toHaveText("Gone To");
    await visitorContext.close();
  } finally {
    await end();
  }
});

// The attacker of DESIGN.md's trust model (the server admin) with a force-joined member
// that has a real cross-signed device: while the router is down (the attacker runs the
// server side), it invites the new agent itself and hands over a history bundle whose
// room key claims to be the visitor's device; the admin posts a message in that key under
// the visitor's account. The new agent's console must not show it as the visitor's.
test("a stranger's history bundle on a transfer with the visitor gone shows nothing as the visitor's", async ({ browser }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  let routerStopped = false;
  let stranger: NodeAgent | undefined;
  try {
    const cast = await transferCast(browser, stack, db, { site: "transfer-forged", from: "Forged From", to: "Forged To" });
    const { siteId, to, fromConsole: console_, toConsole } = cast;
    const { page: visitorPage } = await visitorAsksFirstAgentAnswers(browser, stack, cast, "I would like a refund", "A colleague will handle your refund");
    const row = defined((await db.select().from(schema.conversations).where(eq(schema.conversations.siteId, siteId)))[0], "the conversation row");
    await visitorPage.context().close();

    await stopRouters();
    routerStopped = true;
    stranger = await newStranger(stack);
    await forceJoin(stack, row.roomId, stranger.userId);
    const s = stranger;
    await eventually(
      "the stranger's client sees the encrypted room",
      async () =>
        ((await s.client.getCrypto()!.isEncryptionEnabledInRoom(row.roomId)) && s.client.getRoom(row.roomId)?.getMyMembership() === "join") || undefined,
    );
    const forged = await forgeVisitorSession(s.client, row.roomId, row.visitorUserId, "Please pay my refund to IBAN FORGED-0001");
    const { access_token: visitorToken } = (await asAdmin(stack, "POST", `/_synapse/admin/v1/users/${encodeURIComponent(row.visitorUserId)}/login`, {})) as {
      access_token: string;
    };
    await asAdmin(stack, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(row.roomId)}/send/m.room.encrypted/forged-${Date.now()}`, forged, visitorToken);

    // The transfer; the stranger invites the new agent before any colleague does, with its bundle.
    await transferTo(console_, to.userId);
    await s.client.invite(row.roomId, to.userId);

    await visitorConversation(toConsole).click({ timeout: 60_000 });
    // Messages only: a console without an organisation key also lists the membership changes (li.membership).
    const items = toConsole.locator("ol.messages li:not(.membership)");
    await expect(items).toHaveCount(3); // the visitor's question, the first agent's reply, the forged message
    await expect(toConsole.locator("ol.messages li[data-state=decrypting]")).toHaveCount(0);
    await toConsole.waitForTimeout(5_000); // room for a late bundle import
    await expect(toConsole.getByText(/IBAN|FORGED-0001/)).toHaveCount(0);
    await expect(toConsole.locator("li.theirs", { has: toConsole.locator(".sender", { hasText: "Visitor" }) }).locator("p.body")).toHaveCount(0);
  } finally {
    await stranger?.stop().catch(() => {});
    if (routerStopped) await startRouter();
    await end();
  }
});

// A team transfer with the visitor gone: the conversation goes back to the queue of another
// team, whose available agent the router picks; the previous agent's console shares the history.
test("a team transfer with the visitor's widget closed: the other team's agent reads the whole history", async ({ browser }) => {
  const stack = stackInfo();
  const { db, end } = testDb(stack);
  try {
    const cast = await transferCast(browser, stack, db, { site: "team-from", toOtherTeam: "team-to", from: "Team From", to: "Team To" });
    const { otherTeamId, fromConsole: console_, toConsole } = cast;
    const { page: visitorPage } = await visitorAsksFirstAgentAnswers(
      browser,
      stack,
      cast,
      "Which plan includes phone support?",
      "Our sales team will answer that",
    );
    await visitorPage.context().close();

    await transferTo(console_, `team:${otherTeamId}`);

    await visitorConversation(toConsole).click({ timeout: 60_000 });
    const question = toConsole.locator("li.theirs", { hasText: "Which plan includes phone support?" });
    await expect(question).toContainText("· encrypted");
    await expect(question.locator(".sender")).toHaveText("Visitor");
    await expect(toConsole.locator("li.theirs", { hasText: "Our sales team will answer that" }).locator(".sender")).toHaveText("Team From");
  } finally {
    await end();
  }
});
