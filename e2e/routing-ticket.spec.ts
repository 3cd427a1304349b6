import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { KnownMembership } from "matrix-js-sdk";
import * as schema from "../drizzle/schema";
import { currentRouting } from "../lib/matrix/current-routing";
import { requestRoutingTicket } from "../lib/widget-protocol/start-conversation";
import { createConversation } from "../widget/frame/conversation";
import { startRouter, stopRouters, type StackInfo } from "./stack-info";
import { createAgent, createTeamSite, eventually, routingSpecState, serverMembers, type testDb } from "./support/routing-fixtures";

// A new conversation's agent is invited into the visitor's prepared room the
// moment the visitor writes: the routing decision (a signed ticket bound to that
// room) is taken before any reader is in it. These tests stop the router first,
// to show the invite does not wait for it.
test.describe.configure({ mode: "serial" });

const state = routingSpecState();
const { visitor, conversation } = state;
let stack: StackInfo;
let db: ReturnType<typeof testDb>["db"];
const ticketRow = async (id: string) => (await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.id, id)))[0];

test.beforeAll(() => {
  ({ stack, db } = state.open());
});
test.afterAll(async () => {
  await state.close();
  await stopRouters();
  await startRouter({ ROUTER_NO_SHOW_MS: "15000" });
});

test("the chosen agent is invited into the prepared room before the router has seen it; tickets hold capacity", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "ticket");
  const a = await createAgent(stack, db, { name: "ticket-a", teams: [teamId], maxConcurrent: 1 });
  const b = await createAgent(stack, db, { name: "ticket-b", teams: [teamId], maxConcurrent: 1 });
  const [first, second] = a.userId.localeCompare(b.userId) <= 0 ? [a, b] : [b, a];
  await stopRouters();

  const v1 = await visitor(siteId);
  const room1 = await v1.startConversation(siteId);
  // Nobody but the visitor has acted: the agent and the stand-by are already invited.
  let members = await serverMembers(stack, v1.client, room1);
  expect(members.get(first.userId)).toBe(KnownMembership.Invite);
  expect(members.get(second.userId)).toBe(KnownMembership.Invite);
  expect(members.get(stack.router.userId)).toBe(KnownMembership.Invite);
  expect(await conversation(room1)).toBeUndefined();

  // The first agent's capacity (1) is held by the pending ticket: the next one goes to the other agent.
  const v2 = await visitor(siteId);
  const room2 = await v2.startConversation(siteId);
  members = await serverMembers(stack, v2.client, room2);
  expect(members.get(second.userId)).toBe(KnownMembership.Invite);
  // Both full now: a third conversation starts queued, with the whole team invited to hold the keys.
  const v3 = await visitor(siteId);
  const ticket3 = await requestRoutingTicket(stack.appUrl, v3.client.getAccessToken()!, await v3.prepare(siteId));
  expect(ticket3?.readers.sort()).toEqual([a.userId, b.userId].sort());

  await startRouter({ ROUTER_NO_SHOW_MS: "600000" });
  // The router takes each ticket's decision, and publishes the same readers (no invite withdrawn).
  const c1 = await eventually("room 1 assigned", async () => ((await conversation(room1))?.status === "assigned" ? conversation(room1) : undefined));
  expect(c1?.agentUserId).toBe(first.userId);
  const c2 = await eventually("room 2 assigned", async () => ((await conversation(room2))?.status === "assigned" ? conversation(room2) : undefined));
  expect(c2?.agentUserId).toBe(second.userId);
  const routing = await eventually("routing state of room 1", async () => currentRouting(v1.client, room1) ?? undefined);
  expect(routing.agent_user_id).toBe(first.userId);
  expect((await serverMembers(stack, v1.client, room1)).get(second.userId)).toBe(KnownMembership.Invite);
  expect(await db.select().from(schema.assignments).where(eq(schema.assignments.roomId, room1))).toHaveLength(1);
});

test("a ticket works only for the visitor it was issued to, unaltered; the API refuses callers who are not visitors", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "ticket-theft");
  const agent = await createAgent(stack, db, { name: "ticket-theft-a", teams: [teamId], maxConcurrent: 5 });
  await stopRouters();
  const owner = await visitor(siteId);
  const thief = await visitor(siteId);
  const stolen = await requestRoutingTicket(stack.appUrl, owner.client.getAccessToken()!, await owner.prepare(siteId));
  expect(stolen).not.toBeNull();
  // Synapse (the confinement module checks the app's signature, which names the visitor) refuses the room.
  // (Invites into a room with another's ticket: prepared-room.spec.ts.)
  const refused = await createConversation(thief.client, stack.router.userId, { site_id: siteId }, stolen).then(
    () => null,
    (e: { httpStatus?: number; errcode?: string }) => e,
  );
  expect(refused?.httpStatus).toBe(403);
  expect(refused?.errcode).toBe("M_FORBIDDEN");
  // A forged ticket (readers changed) is refused as well.
  const forged = { ...stolen!, readers: [...stolen!.readers, thief.userId] };
  await expect(createConversation(owner.client, stack.router.userId, { site_id: siteId }, forged)).rejects.toMatchObject({ httpStatus: 403 });
  // The thief's own room without a ticket still works (what an old widget does after the 409 below),
  // routed by the router; the owner's ticket is untouched.
  const roomId = await createConversation(thief.client, stack.router.userId, { site_id: siteId });
  await startRouter({ ROUTER_NO_SHOW_MS: "600000" });
  await eventually("thief's room recorded", () => conversation(roomId));
  expect(await ticketRow(stolen!.id)).toBeDefined();

  const post = (headers: Record<string, string>) => fetch(`${stack.appUrl}/api/visitor/conversations`, { method: "POST", headers });
  const none = await post({});
  expect(none.status).toBe(401);
  expect(((await none.json()) as { error: string }).error).toMatch(/access token/);
  expect((await post({ authorization: "Bearer not-a-real-token" })).status).toBe(401);
  const login = await fetch(`${stack.synapseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: agent.username }, password: agent.password }),
  });
  const { access_token: agentToken } = (await login.json()) as { access_token: string };
  const asAgent = await post({ authorization: `Bearer ${agentToken}` });
  expect(asAgent.status).toBe(403);
  expect(await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.visitorUserId, agent.userId))).toHaveLength(0);
});

test("a ticket is issued only for a room the visitor has joined: another visitor's prepared room or an unknown room gets 403 and no ticket", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "ticket-room");
  await createAgent(stack, db, { name: "ticket-room-a", teams: [teamId], maxConcurrent: 5 });
  const owner = await visitor(siteId);
  const intruder = await visitor(siteId);
  const ownersRoom = await owner.prepare(siteId);
  const ask = (token: string, roomId: string) =>
    fetch(`${stack.appUrl}/api/visitor/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ room_id: roomId }),
    });
  for (const roomId of [ownersRoom, `!nosuchroom${Date.now()}:${stack.router.userId.split(":")[1]}`]) {
    const res = await ask(intruder.client.getAccessToken()!, roomId);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe("You are not in this room: a routing ticket is only issued for a room you have joined");
  }
  // Nothing stored for the intruder: no ticket holds an agent's capacity, none is bound to the owner's room.
  expect(await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.visitorUserId, intruder.userId))).toHaveLength(0);
  expect(await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.roomId, ownersRoom))).toHaveLength(0);
  // The same request from the room's own visitor is answered with a ticket bound to it.
  const own = await ask(owner.client.getAccessToken()!, ownersRoom);
  expect(own.status).toBe(201);
  expect(((await own.json()) as { ticket: { room_id?: string } }).ticket.room_id).toBe(ownersRoom);
});

test("a ticket asked without the room it is for gets 409 and changes nothing: the widget prepares the room first", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "ticket-no-room");
  const agent = await createAgent(stack, db, { name: "ticket-no-room-a", teams: [teamId], maxConcurrent: 1 });
  const v = await visitor(siteId);
  const post = (init: { headers?: Record<string, string>; body?: string }) =>
    fetch(`${stack.appUrl}/api/visitor/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.client.getAccessToken()}`, ...init.headers },
      body: init.body,
    });
  for (const res of [await post({}), await post({ headers: { "content-type": "application/json" }, body: "{}" })]) {
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: "Prepare the conversation's room first: a routing ticket is only issued for a room you prepared",
      code: "prepare_room_first",
    });
  }
  // Nothing stored: no ticket holds the agent's only place, so the next visitor's prepared room gets it.
  expect(await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.visitorUserId, v.userId))).toHaveLength(0);
  const next = await visitor(siteId);
  const ticket = await requestRoutingTicket(stack.appUrl, next.client.getAccessToken()!, await next.prepare(siteId));
  expect(ticket?.readers[0]).toBe(agent.userId);
});

test("the router's record of a prepared room stands for Synapse's check, as strictly: another visitor, or the visitor after leaving, gets 403", async () => {
  const { siteId, teamId } = await createTeamSite(stack, db, "ticket-record");
  await createAgent(stack, db, { name: "ticket-record-a", teams: [teamId], maxConcurrent: 5 });
  const owner = await visitor(siteId);
  const intruder = await visitor(siteId);
  const ownersRoom = await owner.prepare(siteId);
  const recorded = () => db.select().from(schema.preparedRooms).where(eq(schema.preparedRooms.roomId, ownersRoom));
  // The router joined the prepared room and named its creator.
  const [row] = await eventually("the prepared room recorded", async () => ((await recorded()).length > 0 ? recorded() : undefined));
  expect(row?.visitorUserId).toBe(owner.userId);
  const ask = (v: typeof owner) =>
    fetch(`${stack.appUrl}/api/visitor/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.client.getAccessToken()}`, "content-type": "application/json" },
      body: JSON.stringify({ room_id: ownersRoom }),
    });
  const refusedIntruder = await ask(intruder);
  expect(refusedIntruder.status).toBe(403);
  expect(((await refusedIntruder.json()) as { error: string }).error).toBe(
    "You are not in this room: a routing ticket is only issued for a room you have joined",
  );
  expect(await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.visitorUserId, intruder.userId))).toHaveLength(0);

  // The owner leaves its prepared room: the router forgets it, and Synapse (asked again) says no.
  await owner.client.leave(ownersRoom);
  await eventually("the record dropped", async () => ((await recorded()).length === 0 ? true : undefined));
  const refusedLeaver = await ask(owner);
  expect(refusedLeaver.status).toBe(403);
  expect(await db.select().from(schema.routingTickets).where(eq(schema.routingTickets.visitorUserId, owner.userId))).toHaveLength(0);
});
