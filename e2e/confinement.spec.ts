// Visitor confinement (synapse/modules/sealdesk_confinement) against the real
// stack: a visitor token provisioned by /api/visitor/session, exactly as the
// widget gets it, tries everything a visitor must not do, straight on
// Synapse's client API. Each refusal is checked next to a control showing
// that the same request works for someone allowed, so the test fails if the
// module (or the config it relies on) is removed.
import { expect, test } from "@playwright/test";
import type { ICreateRoomOpts, MatrixClient } from "matrix-js-sdk";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { currentRouting } from "../lib/matrix/current-routing";
import { createConversation } from "../widget/frame/conversation";
import { stackInfo, type StackInfo } from "./stack-info";
import { startNodeVisitor, type NodeVisitor } from "./support/node-visitor";
import { eventually, testDb } from "./support/routing-fixtures";
import { siteWithVisitorToken, synapseCall, type Reply, type TokenAgent } from "./support/synapse-client";

test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let end: () => Promise<void>;
let siteId: string;
let teamAgent: TokenAgent; // in the site's team: the router lists them as reader
let outsider: TokenAgent; // an agent of no team of this site
let visitor: NodeVisitor & { token: string };
let otherVisitor: NodeVisitor;
let roomId: string; // the visitor's own conversation
let otherRoomId: string; // the other visitor's conversation
let publicRoomId: string; // a public room the outsider agent created
const running: NodeVisitor[] = [];

/** One call to Synapse's client API (v3) as `token`. */
const matrix = (token: string, method: string, path: string, body?: unknown): Promise<Reply> => synapseCall(stack, token, method, path, body);
const enc = encodeURIComponent;

/** The exact /createRoom body the widget sends (widget/frame/conversation.ts), to vary one thing at a time. */
async function widgetCreateRoomBody(): Promise<ICreateRoomOpts> {
  let captured: ICreateRoomOpts | undefined;
  const recorder = {
    createRoom: async (opts: ICreateRoomOpts) => ((captured = structuredClone(opts)), { room_id: "!recorded" }),
    // createConversation then waits for its invitees to show in sync: they do at once here.
    getRoom: () => ({ getMember: () => ({ membership: "invite" }) }),
  };
  await createConversation(recorder as unknown as MatrixClient, stack.router.userId, { site_id: siteId, language: "en" });
  return captured!;
}

function expectForbidden(reply: Reply, what: string): void {
  expect({ what, status: reply.status, errcode: reply.body.errcode }).toEqual({ what, status: 403, errcode: "M_FORBIDDEN" });
}

test.beforeAll(async () => {
  stack = stackInfo();
  const t = testDb(stack);
  end = t.end;
  ({
    siteId,
    agent: teamAgent,
    stranger: outsider,
    visitor,
  } = await siteWithVisitorToken(stack, t.db, { site: "confinement", agent: "confined-team-agent", stranger: "confined-outsider" }));
  otherVisitor = await startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, withCrypto: false });
  running.push(visitor, otherVisitor);

  // The allowed path: the widget's own conversation, routed to the team agent.
  roomId = await visitor.startConversation(siteId);
  otherRoomId = await otherVisitor.startConversation(siteId);
  // The visitor's follower invites the readers the router lists (lib/matrix/follow-routing.ts).
  await eventually(
    "the team agent invited by the visitor",
    async () => {
      const routing = currentRouting(visitor.client, roomId);
      const m = visitor.client.getRoom(roomId)?.getMember(teamAgent.userId)?.membership;
      return routing?.readers.includes(teamAgent.userId) && m === "invite" ? true : undefined;
    },
    60_000,
  );

  const created = await matrix(outsider.token, "POST", "/createRoom", { visibility: "public", preset: "public_chat", name: "Agents' lounge" });
  expect(created.status).toBe(200);
  publicRoomId = created.body.room_id as string;
});

test.afterAll(async () => {
  for (const r of running) r.stop();
  await end();
});

test("a visitor creates only rooms of the conversation's shape", async () => {
  const widget = await widgetCreateRoomBody();
  const initial = widget.initial_state ?? [];
  const variants: [string, object][] = [
    ["a public room", { ...widget, visibility: "public", preset: "public_chat" }],
    ["an unencrypted room", { ...widget, initial_state: initial.filter((e) => e.type !== "m.room.encryption") }],
    ["a room inviting an agent directly", { ...widget, invite: [teamAgent.userId] }],
    ["a room inviting the router and an agent", { ...widget, invite: [stack.router.userId, outsider.userId] }],
    ["a direct chat with an agent", { preset: "trusted_private_chat", is_direct: true, invite: [outsider.userId] }],
    ["a room with an alias", { ...widget, room_alias_name: `confined-${Date.now()}` }],
    [
      "a world-readable room",
      {
        ...widget,
        initial_state: initial.map((e) => (e.type === "m.room.history_visibility" ? { ...e, content: { history_visibility: "world_readable" } } : e)),
      },
    ],
    [
      "a room with a forged routing state",
      {
        ...widget,
        initial_state: [...initial, { type: ROUTING_EVENT, state_key: "", content: { status: "queued", readers: [outsider.userId], updated_at: 1 } }],
      },
    ],
    [
      "a room giving an agent power",
      { ...widget, power_level_content_override: { ...widget.power_level_content_override, users: { [stack.router.userId]: 50, [outsider.userId]: 100 } } },
    ],
    ["a plain room", {}],
  ];
  for (const [what, body] of variants) expectForbidden(await matrix(visitor.token, "POST", "/createRoom", body), `createRoom: ${what}`);
  // Control: the widget's own body is accepted (the conversation above was created with it), and an agent may create anything.
  expect((await matrix(visitor.token, "POST", "/createRoom", widget)).status).toBe(200);
  expect((await matrix(outsider.token, "POST", "/createRoom", { ...widget, invite: [teamAgent.userId], room_alias_name: `agent-${Date.now()}` })).status).toBe(
    200,
  );
});

test("a visitor invites only the readers the router lists, and cannot forge the routing state or reopen its room", async () => {
  expectForbidden(
    await matrix(visitor.token, "POST", `/rooms/${enc(roomId)}/invite`, { user_id: outsider.userId }),
    "invite an agent not in the routing state",
  );
  expectForbidden(await matrix(visitor.token, "POST", `/rooms/${enc(roomId)}/invite`, { user_id: otherVisitor.userId }), "invite another visitor");
  const forged = { status: "queued", readers: [outsider.userId], updated_at: Date.now() };
  expectForbidden(await matrix(visitor.token, "PUT", `/rooms/${enc(roomId)}/state/${ROUTING_EVENT}/`, forged), "write the routing state");
  expectForbidden(await matrix(visitor.token, "PUT", `/rooms/${enc(roomId)}/state/m.room.join_rules/`, { join_rule: "public" }), "make its room public");
  expectForbidden(
    await matrix(visitor.token, "PUT", `/rooms/${enc(roomId)}/state/m.room.history_visibility/`, { history_visibility: "world_readable" }),
    "make its room world-readable",
  );
  const upgrade = await matrix(visitor.token, "POST", `/rooms/${enc(roomId)}/upgrade`, { new_version: "12" });
  expectForbidden(upgrade, "upgrade its room (a new room of another shape)");
  // Nothing changed: the outsider was never invited, the router's routing state stands.
  const members = await matrix(visitor.token, "GET", `/rooms/${enc(roomId)}/members`);
  const memberIds = (members.body.chunk as { state_key: string }[]).map((e) => e.state_key);
  expect(memberIds).not.toContain(outsider.userId);
  expect(memberIds).not.toContain(otherVisitor.userId);
  const routing = await matrix(visitor.token, "GET", `/rooms/${enc(roomId)}/state/${ROUTING_EVENT}/`);
  expect(routing.body.readers).toEqual([teamAgent.userId]);
  // Control: the router's reader was invited by the visitor (beforeAll), and an agent in the room may invite anyone.
  expect(memberIds).toContain(teamAgent.userId);
  expect((await matrix(teamAgent.token, "POST", `/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
  expect((await matrix(teamAgent.token, "POST", `/rooms/${enc(roomId)}/invite`, { user_id: outsider.userId })).status).toBe(200);
  expect((await matrix(outsider.token, "POST", `/rooms/${enc(roomId)}/leave`, {})).status).toBe(200); // declines
});

test("a visitor joins and reads only rooms it was invited to", async () => {
  expectForbidden(await matrix(visitor.token, "POST", `/rooms/${enc(publicRoomId)}/join`, {}), "join a public room by id");
  expectForbidden(await matrix(visitor.token, "POST", `/join/${enc(publicRoomId)}`, {}), "join a public room via /join");
  expectForbidden(await matrix(visitor.token, "POST", `/rooms/${enc(otherRoomId)}/join`, {}), "join another visitor's conversation");
  expectForbidden(await matrix(visitor.token, "GET", `/rooms/${enc(otherRoomId)}/messages?dir=b&limit=10`), "read another visitor's conversation");
  expectForbidden(await matrix(visitor.token, "GET", `/rooms/${enc(otherRoomId)}/state`), "read another visitor's room state");
  // Control: an agent joins the public room; the visitor still may join a room it is invited to.
  expect((await matrix(teamAgent.token, "POST", `/rooms/${enc(publicRoomId)}/join`, {})).status).toBe(200);
  expect((await matrix(outsider.token, "POST", `/rooms/${enc(publicRoomId)}/invite`, { user_id: visitor.userId })).status).toBe(200);
  expect((await matrix(visitor.token, "POST", `/rooms/${enc(publicRoomId)}/join`, {})).status).toBe(200);
  expect((await matrix(visitor.token, "POST", `/rooms/${enc(publicRoomId)}/leave`, {})).status).toBe(200);
});

test("a visitor finds nobody in the user directory and sees no profile of someone it shares no room with", async () => {
  // Controls first: the outsider is in a public room, so an agent's search finds them once
  // Synapse's background indexer has run; the visitor shares its conversation with the
  // router, whose profile it may read.
  const agentFinds = async (): Promise<string[]> =>
    (
      (await matrix(teamAgent.token, "POST", "/user_directory/search", { search_term: outsider.username, limit: 50 })).body.results as { user_id: string }[]
    ).map((r) => r.user_id);
  await expect.poll(agentFinds, { timeout: 20_000 }).toContain(outsider.userId);
  expect((await matrix(visitor.token, "GET", `/profile/${enc(stack.router.userId)}`)).status).toBe(200);

  for (const term of [outsider.username, "confined", otherVisitor.userId, "visitor", "router"]) {
    const found = await matrix(visitor.token, "POST", "/user_directory/search", { search_term: term, limit: 50 });
    expect(found.status, term).toBe(200);
    expect(found.body.results, `directory search for ${term}`).toEqual([]);
  }
  for (const user of [otherVisitor.userId, outsider.userId]) {
    expectForbidden(await matrix(visitor.token, "GET", `/profile/${enc(user)}`), `profile of ${user}`);
    expectForbidden(await matrix(visitor.token, "GET", `/profile/${enc(user)}/displayname`), `display name of ${user}`);
  }
});

test("a visitor publishes no room and creates no alias", async () => {
  expectForbidden(await matrix(visitor.token, "PUT", `/directory/list/room/${enc(roomId)}`, { visibility: "public" }), "publish its room");
  const alias = `#confined-${Date.now()}:${stack.router.userId.split(":").slice(1).join(":")}`;
  expectForbidden(await matrix(visitor.token, "PUT", `/directory/room/${enc(alias)}`, { room_id: roomId }), "create an alias");
  expect((await matrix(visitor.token, "GET", `/directory/room/${enc(alias)}`)).status).toBe(404);
  // Control: an agent may create an alias for a room it is in.
  expect((await matrix(outsider.token, "PUT", `/directory/room/${enc(alias)}`, { room_id: publicRoomId })).status).toBe(200);
});

test("the visitor still ends its chat, and the router closes it", async () => {
  await visitor.end(roomId);
  await eventually(
    "the router to close the conversation",
    async () => (currentRouting(visitor.client, roomId)?.status === "closed" ? true : undefined),
    30_000,
  );
});
