import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { EventType, KnownMembership } from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import { INVITE_TICKET_FIELD, type RoutingTicket } from "../lib/conversation/event-types";
import { requestRoutingTicket } from "../lib/widget-protocol/start-conversation";
import { startRouter, stopRouters, type StackInfo } from "./stack-info";
import type { NodeVisitor } from "./support/node-visitor";
import { createAgent, createTeamSite, eventually, routingSpecState, serverMembers, type testDb } from "./support/routing-fixtures";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor, visitorBrowser } from "./support/widget-chat";

// The widget prepares the next conversation's room when the chat opens (only
// the router invited, not routed); the first message then asks for a routing
// ticket bound to that room and invites its readers into it. These tests show
// the prepared room is not routed before the visitor writes, that the first
// message reaches the agent in that same room, and that the homeserver lets a
// visitor invite exactly the readers of its own ticket for that room.
test.describe.configure({ mode: "serial" });

const state = routingSpecState();
const { visitor, conversation } = state;
let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];

/** The visitor invites `invitee` with `ticket` in the invite, as the widget does; the homeserver's answer. */
async function inviteWith(v: NodeVisitor, roomId: string, invitee: string, ticket: unknown): Promise<{ status: number; errcode?: string }> {
  const res = await fetch(
    `${stack.synapseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${EventType.RoomMember}/${encodeURIComponent(invitee)}`,
    {
      method: "PUT",
      headers: { authorization: `Bearer ${v.client.getAccessToken()}`, "content-type": "application/json" },
      body: JSON.stringify({ membership: "invite", ...(ticket === undefined ? {} : { [INVITE_TICKET_FIELD]: ticket }) }),
    },
  );
  const body = (await res.json()) as { errcode?: string };
  return { status: res.status, errcode: body.errcode };
}

test.beforeAll(() => {
  ({ stack, db } = state.open());
});
test.afterAll(async () => {
  await state.close();
});

test("the widget prepares the room when the chat opens; the first message reaches the agent in that room", async ({ browser }) => {
  const chatSite = await siteWithNodeAgent(stack, "prepared-widget", "Prepared Agent");
  const context = await visitorBrowser(browser);
  try {
    const { page, chat } = await openChat(context, stack, chatSite.siteId);
    // Nothing written yet: a room exists, with only the router invited, and nothing is routed.
    const preparedRoomId = await eventually("a prepared room", async () => (await storedVisitor(page, chatSite.siteId)).preparedRoomId);
    expect((await storedVisitor(page, chatSite.siteId)).roomId).toBeUndefined();
    await page.waitForTimeout(2_000); // the router has had time to see the room
    expect(await conversation(preparedRoomId)).toBeUndefined();
    expect(chatSite.agent.client.getRoom(preparedRoomId)).toBeNull();

    await chat.getByRole("textbox", { name: "Message" }).fill("Hello from a prepared room");
    await chat.getByRole("button", { name: "Send" }).click();
    // The agent is invited into the very room prepared before, and reads the message.
    const roomId = await agentJoins(chatSite.agent, (await storedVisitor(page, chatSite.siteId)).userId);
    expect(roomId).toBe(preparedRoomId);
    expect((await chatSite.agent.waitForMessage(roomId, "Hello from a prepared room")).encrypted).toBe(true);
    const recorded = await eventually("the conversation recorded", () => conversation(roomId));
    expect(recorded.agentUserId).toBe(chatSite.agent.userId);
    const stored = await storedVisitor(page, chatSite.siteId);
    expect(stored.roomId).toBe(roomId);
    expect(stored.preparedRoomId).toBeUndefined();
    await expect(chat.getByText("Prepared Agent").first()).toBeVisible({ timeout: 30_000 });
  } finally {
    await context.close();
    await chatSite.stop();
  }
});

test("a visitor invites exactly its ticket's readers into the room the ticket is bound to; Synapse refuses anything else", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "prepared-theft");
  const agent = await createAgent(stack, db, { name: "prepared-theft-a", teams: [teamId], maxConcurrent: 5 });
  const stranger = await createAgent(stack, db, { name: "prepared-theft-other-team", teams: [], maxConcurrent: 5 });
  const owner = await visitor(siteId);
  const thief = await visitor(siteId);
  const ownerRoom = await owner.prepare(siteId);
  const otherRoom = await owner.prepare(siteId);
  const thiefRoom = await thief.prepare(siteId);
  const ticket = (await requestRoutingTicket(stack.appUrl, owner.client.getAccessToken()!, ownerRoom)) as RoutingTicket;
  expect(ticket.room_id).toBe(ownerRoom);
  expect(ticket.readers[0]).toBe(agent.userId);

  // Each refusal next to what would be allowed.
  expect(await inviteWith(owner, ownerRoom, stranger.userId, undefined)).toMatchObject({ status: 403, errcode: "M_FORBIDDEN" });
  expect(await inviteWith(owner, ownerRoom, stranger.userId, ticket)).toMatchObject({ status: 403, errcode: "M_FORBIDDEN" });
  expect(await inviteWith(owner, ownerRoom, stranger.userId, { ...ticket, readers: [...ticket.readers, stranger.userId] })).toMatchObject({ status: 403 });
  expect(await inviteWith(owner, otherRoom, agent.userId, ticket)).toMatchObject({ status: 403 }); // bound to another room
  expect(await inviteWith(owner, otherRoom, agent.userId, { ...ticket, room_id: otherRoom })).toMatchObject({ status: 403 }); // re-bound: signature broken
  expect(await inviteWith(thief, thiefRoom, agent.userId, { ...ticket, room_id: thiefRoom })).toMatchObject({ status: 403 }); // another visitor's
  expect(await inviteWith(thief, thiefRoom, agent.userId, ticket)).toMatchObject({ status: 403 });
  expect((await serverMembers(stack, owner.client, ownerRoom)).has(stranger.userId)).toBe(false);
  expect((await serverMembers(stack, thief.client, thiefRoom)).has(agent.userId)).toBe(false);
  // The control: the owner invites its ticket's agent into the bound room.
  expect(await inviteWith(owner, ownerRoom, agent.userId, ticket)).toMatchObject({ status: 200 });
  expect((await serverMembers(stack, owner.client, ownerRoom)).get(agent.userId)).toBe(KnownMembership.Invite);

  // The API checks what it is given.
  const post = (body: string) =>
    fetch(`${stack.appUrl}/api/visitor/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.client.getAccessToken()}`, "content-type": "application/json" },
      body,
    });
  expect((await post("{not json")).status).toBe(400);
  expect((await post(JSON.stringify({ room_id: "not a room" }))).status).toBe(400);
  expect((await post(JSON.stringify({ room_id: ownerRoom, extra: 1 }))).status).toBe(400);
});

test("a prepared room is routed only once started: with its ticket's decision, or (ticket lost while the router was down) as it arrives", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "prepared-router");
  const agent = await createAgent(stack, db, { name: "prepared-router-a", teams: [teamId], maxConcurrent: 5 });
  const idle = await visitor(siteId);
  const idleRoom = await idle.prepare(siteId);
  const v = await visitor(siteId);
  const room = await v.prepare(siteId);
  await eventually("the router joined the prepared rooms", async () =>
    (await serverMembers(stack, v.client, room)).get(stack.router.userId) === KnownMembership.Join &&
    (await serverMembers(stack, idle.client, idleRoom)).get(stack.router.userId) === KnownMembership.Join
      ? true
      : undefined,
  );
  const started = await v.startPrepared(room);
  expect(started.agent).toBe(agent.userId);
  const c = await eventually("the started room assigned", async () => ((await conversation(room))?.status === "assigned" ? conversation(room) : undefined));
  expect(c.agentUserId).toBe(agent.userId);
  expect(await db.select().from(schema.assignments).where(eq(schema.assignments.roomId, room))).toHaveLength(1);
  // The idle visitor's prepared room holds nothing: not recorded, no capacity taken.
  expect(await conversation(idleRoom)).toBeUndefined();

  // The router is down while a visitor starts, long enough for the ticket to be dropped.
  await stopRouters();
  try {
    const late = await visitor(siteId);
    const lateRoom = await late.prepare(siteId);
    // The router was down before it could join: it joins on restart, then sees the visitor's start.
    await late.startPrepared(lateRoom); // the visitor's invites do not wait for the router
    await db.delete(schema.routingTickets).where(eq(schema.routingTickets.roomId, lateRoom));
    // Restarted with a short lifetime for prepared rooms nobody started.
    await startRouter({ ROUTER_NO_SHOW_MS: "600000", ROUTER_PREPARED_TTL_MS: "5000" });
    const lateRow = await eventually("the late room recorded", () => conversation(lateRoom), 60_000);
    expect(lateRow.status === "assigned" || lateRow.status === "queued").toBe(true);
    await eventually("the late room assigned", async () => ((await conversation(lateRoom))?.agentUserId === agent.userId ? true : undefined), 60_000);
    // The idle visitor's room was never started: the router leaves it, and never recorded it.
    await eventually(
      "the router left the idle prepared room",
      async () => ((await serverMembers(stack, idle.client, idleRoom)).get(stack.router.userId) === KnownMembership.Leave ? true : undefined),
      60_000,
    );
    expect(await conversation(idleRoom)).toBeUndefined();
    expect((await serverMembers(stack, late.client, lateRoom)).get(stack.router.userId)).toBe(KnownMembership.Join);
    // That visitor writes after all (its chat stayed open): the router is invited back with the readers, and records the room.
    await idle.startPrepared(idleRoom);
    await eventually(
      "the idle room recorded once started",
      async () => ((await conversation(idleRoom))?.agentUserId === agent.userId ? true : undefined),
      60_000,
    );
  } finally {
    await stopRouters();
    await startRouter({ ROUTER_NO_SHOW_MS: "15000" });
  }
});

test("Synapse answers /sync with the state after the timeline (MSC4222), so a fork cannot show an agent as only invited", async () => {
  const { siteId } = await createTeamSite(stack, db, "state-after");
  const v = await visitor(siteId);
  const roomId = await v.prepare(siteId);
  const res = await fetch(`${stack.synapseUrl}/_matrix/client/v3/sync?timeout=0&org.matrix.msc4222.use_state_after=true`, {
    headers: { authorization: `Bearer ${v.client.getAccessToken()}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rooms?: { join?: Record<string, Record<string, unknown>> } };
  const room = body.rooms?.join?.[roomId];
  expect(room).toBeDefined();
  // The legacy "state" block (the state at the start of the timeline) is what let a stale invite override a join.
  expect(Object.keys(room!)).toContain("org.matrix.msc4222.state_after");
  expect(Object.keys(room!)).not.toContain("state");
});
