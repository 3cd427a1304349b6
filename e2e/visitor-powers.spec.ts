// The powers a visitor's token must not have in its own conversation, although in a
// room version 12 room its creator outranks every power level (issue 12): a real
// visitor token from /api/visitor/session, straight on Synapse's APIs. Each refusal
// (4xx) is followed by a look at the room to show nothing changed, next to a control
// showing the allowed action still works. The Synapse side is the confinement
// module's event rules (synapse/modules/sealdesk_confinement/event_rules.py).
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { VISITOR_CLOSED_EVENT } from "../lib/conversation/event-types";
import { currentRouting } from "../lib/matrix/current-routing";
import { stackInfo, type StackInfo } from "./stack-info";
import { asAdmin } from "./support/injected-device";
import type { NodeVisitor } from "./support/node-visitor";
import { eventually, testDb } from "./support/routing-fixtures";
import { siteWithVisitorToken, synapseCall, type Reply, type TokenAgent } from "./support/synapse-client";
import { visitorSends } from "./helpers";
import { agentJoins, openChat, siteWithNodeAgent, storedVisitor } from "./support/widget-chat";

test.describe.configure({ mode: "serial" });

let stack: StackInfo;
let end: () => Promise<void>;
let siteId: string;
let agent: TokenAgent; // the assigned agent, joined
let stranger: TokenAgent; // an agent of no team of this site, never a member
let visitor: NodeVisitor & { token: string };
let roomId: string;
const MIB = 1024 * 1024;
const enc = encodeURIComponent;
const txn = (): string => `t${randomBytes(6).toString("hex")}`;
const CIPHERTEXT = { algorithm: "m.megolm.v1.aes-sha2", sender_key: "k", session_id: "s", device_id: "D", ciphertext: "AwgAEnB..." };

/** One call to Synapse's client API as `token` (`prefix` for the media API). */
const matrix = (token: string, method: string, path: string, body?: unknown, prefix?: string): Promise<Reply> =>
  synapseCall(stack, token, method, path, body, prefix);

async function upload(token: string, bytes: number): Promise<Reply> {
  const res = await fetch(`${stack.synapseUrl}/_matrix/media/v3/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function expectRefused(reply: Reply, what: string, status = 403, errcode = "M_FORBIDDEN"): void {
  expect({ what, status: reply.status, errcode: reply.body.errcode }).toEqual({ what, status, errcode });
}

/** A state event of the conversation as the assigned agent reads it (undefined: none). */
async function stateOf(type: string, key = ""): Promise<Record<string, unknown> | undefined> {
  const r = await matrix(agent.token, "GET", `/rooms/${enc(roomId)}/state/${type}/${enc(key)}`);
  if (r.status === 404) return undefined;
  expect(r.status, `GET state ${type}/${key}`).toBe(200);
  return r.body;
}
const membership = async (user: string): Promise<unknown> => (await stateOf("m.room.member", user))?.membership;

test.beforeAll(async () => {
  stack = stackInfo();
  const t = testDb(stack);
  end = t.end;
  ({ siteId, agent, stranger, visitor } = await siteWithVisitorToken(stack, t.db, { site: "powers", agent: "powers-agent", stranger: "powers-stranger" }));
  roomId = await visitor.startConversation(siteId);
  await eventually(
    "the agent invited",
    async () => (visitor.client.getRoom(roomId)?.getMember(agent.userId)?.membership === "invite" ? true : undefined),
    60_000,
  );
  expect((await matrix(agent.token, "POST", `/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
  await eventually("the router joined", async () => ((await membership(stack.router.userId)) === "join" ? true : undefined), 30_000);
});

test.afterAll(async () => {
  visitor?.stop();
  await end();
});

test("a visitor kicks, bans and unbans nobody", async () => {
  const room = `/rooms/${enc(roomId)}`;
  expectRefused(await matrix(visitor.token, "POST", `${room}/kick`, { user_id: agent.userId, reason: "bye" }), "kick the agent");
  expectRefused(await matrix(visitor.token, "POST", `${room}/kick`, { user_id: stack.router.userId }), "kick the router");
  expectRefused(await matrix(visitor.token, "POST", `${room}/ban`, { user_id: stack.router.userId }), "ban the router");
  expectRefused(await matrix(visitor.token, "POST", `${room}/ban`, { user_id: stranger.userId }), "ban a stranger");
  expectRefused(
    await matrix(visitor.token, "PUT", `${room}/state/m.room.member/${enc(agent.userId)}`, { membership: "leave" }),
    "kick through the state endpoint",
  );
  // Control: the router (power 50) bans the stranger; the visitor cannot unban them; the router can.
  expect((await matrix(stack.router.accessToken, "POST", `${room}/ban`, { user_id: stranger.userId })).status).toBe(200);
  expectRefused(await matrix(visitor.token, "POST", `${room}/unban`, { user_id: stranger.userId }), "unban");
  expect(await membership(stranger.userId)).toBe("ban");
  expect((await matrix(stack.router.accessToken, "POST", `${room}/unban`, { user_id: stranger.userId })).status).toBe(200);
  // Nothing changed: the agent and the router are still joined.
  expect(await membership(agent.userId)).toBe("join");
  expect(await membership(stack.router.userId)).toBe("join");
  expect(await membership(stranger.userId)).toBe("leave");
});

test("a visitor redacts nothing, and sends nothing but m.room.encrypted", async () => {
  const room = `/rooms/${enc(roomId)}`;
  const fromAgent = await matrix(agent.token, "PUT", `${room}/send/m.room.encrypted/${txn()}`, CIPHERTEXT);
  expect(fromAgent.status).toBe(200);
  const agentEvent = fromAgent.body.event_id as string;
  const mine = await matrix(visitor.token, "PUT", `${room}/send/m.room.encrypted/${txn()}`, CIPHERTEXT); // control
  expect(mine.status).toBe(200);
  expectRefused(await matrix(visitor.token, "PUT", `${room}/redact/${enc(agentEvent)}/${txn()}`, {}), "redact the agent's message");
  expectRefused(await matrix(visitor.token, "PUT", `${room}/redact/${enc(mine.body.event_id as string)}/${txn()}`, {}), "redact its own message");
  expect(((await matrix(agent.token, "GET", `${room}/event/${enc(agentEvent)}`)).body.content as Record<string, unknown>).ciphertext).toBe(
    CIPHERTEXT.ciphertext,
  );

  const plain = { msgtype: "m.text", body: "in the clear", format: "org.matrix.custom.html", formatted_body: "<b>in the clear</b>" };
  expectRefused(await matrix(visitor.token, "PUT", `${room}/send/m.room.message/${txn()}`, plain), "a plaintext message");
  expectRefused(
    await matrix(visitor.token, "PUT", `${room}/send/m.reaction/${txn()}`, { "m.relates_to": { rel_type: "m.annotation", event_id: agentEvent, key: "x" } }),
    "a reaction",
  );
  // Not room events, still allowed: typing, receipts, read markers.
  expect((await matrix(visitor.token, "PUT", `${room}/typing/${enc(visitor.userId)}`, { typing: true, timeout: 1000 })).status).toBe(200);
  expect((await matrix(visitor.token, "POST", `${room}/receipt/m.read/${enc(agentEvent)}`, {})).status).toBe(200);
  expect((await matrix(visitor.token, "POST", `${room}/read_markers`, { "m.fully_read": agentEvent, "m.read": agentEvent })).status).toBe(200);
  // Agents too put no plaintext into a conversation; the router writes only state there.
  expectRefused(await matrix(agent.token, "PUT", `${room}/send/m.room.message/${txn()}`, plain), "the agent's plaintext");
  expectRefused(
    await matrix(stack.router.accessToken, "PUT", `${room}/send/m.room.message/${txn()}`, { msgtype: "m.notice", body: "x" }),
    "the router's plaintext",
  );
  // Control: an agent may redact its own message (no reason: no words), and a room without the conversation marker takes plain messages.
  expect((await matrix(agent.token, "PUT", `${room}/redact/${enc(agentEvent)}/${txn()}`, {})).status).toBe(200);
  const statusRoom = await matrix(stack.router.accessToken, "POST", "/createRoom", { preset: "private_chat", name: "powers status" });
  expect(statusRoom.status).toBe(200);
  expect(
    (
      await matrix(stack.router.accessToken, "PUT", `/rooms/${enc(statusRoom.body.room_id as string)}/send/m.room.message/${txn()}`, {
        msgtype: "m.notice",
        body: "status",
      })
    ).status,
  ).toBe(200);
  // Nothing in the clear reached the conversation.
  const messages = await matrix(agent.token, "GET", `${room}/messages?dir=b&limit=100`);
  expect(
    (messages.body.chunk as { type: string; state_key?: string }[])
      .filter((e) => e.state_key === undefined)
      .map((e) => e.type)
      .filter((t) => t !== "m.room.encrypted" && t !== "m.room.redaction"),
  ).toEqual([]);
});

test("a visitor writes no tombstone, server ACL, pinned events, odd state key or power levels", async () => {
  const state = `/rooms/${enc(roomId)}/state`;
  const powerBefore = await stateOf("m.room.power_levels");
  const attempts: [string, string, string, unknown][] = [
    ["a tombstone", "m.room.tombstone", "", { body: "moved", replacement_room: "!elsewhere:localhost" }],
    ["a server ACL", "m.room.server_acl", "", { allow: ["*"], deny: ["evil.example"] }],
    ["pinned events", "m.room.pinned_events", "", { pinned: [] }],
    ["the ended-chat marker with a state key", VISITOR_CLOSED_EVENT, "x", { closed_at: 1 }],
    ["a state key with a space", VISITOR_CLOSED_EVENT, " ", { closed_at: 1 }],
    ["power levels", "m.room.power_levels", "", { ...powerBefore, users: { [visitor.userId]: 100, [stranger.userId]: 100 } }],
  ];
  for (const [what, type, key, content] of attempts) {
    expectRefused(await matrix(visitor.token, "PUT", `${state}/${type}/${enc(key)}`, content), what);
    expect(await stateOf(type, key), `${what}: nothing written`).toEqual(type === "m.room.power_levels" ? powerBefore : undefined);
  }
});

test("the admin API's make_room_admin cannot change power levels in the visitor's name", async () => {
  const powerBefore = await stateOf("m.room.power_levels");
  const path = `/_synapse/admin/v1/rooms/${enc(roomId)}/make_room_admin`;
  const res = await fetch(`${stack.synapseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.admin.accessToken}` },
    body: JSON.stringify({ user_id: stranger.userId }),
  });
  expect(res.status).toBe(403);
  expect(await stateOf("m.room.power_levels")).toEqual(powerBefore);
  expect(await membership(stranger.userId)).toBe("leave");
  // Control: in a room an agent created, the same call works.
  const own = await matrix(agent.token, "POST", "/createRoom", { preset: "private_chat" });
  await asAdmin(stack, "POST", `/_synapse/admin/v1/rooms/${enc(own.body.room_id as string)}/make_room_admin`, { user_id: stranger.userId });
  const power = (await matrix(agent.token, "GET", `/rooms/${enc(own.body.room_id as string)}/state/m.room.power_levels/`)).body;
  expect((power.users as Record<string, number>)[stranger.userId]).toBe(100);
});

test("a visitor uploads files up to 10 MiB and 25 MiB a day; agents keep the server's limit", async () => {
  const config = await matrix(visitor.token, "GET", "/media/config", undefined, "/_matrix/client/v1");
  expect(config.body["m.upload.size"]).toBe(10 * MIB);
  expectRefused(await upload(visitor.token, 10 * MIB + 1), "a file over 10 MiB", 413, "M_TOO_LARGE");
  expect((await upload(agent.token, 10 * MIB + 1)).status).toBe(200); // control
  expect((await upload(visitor.token, 10 * MIB)).status).toBe(200);
  expect((await upload(visitor.token, 10 * MIB)).status).toBe(200);
  expectRefused(await upload(visitor.token, 5 * MIB + 1), "over 25 MiB in a day", 403, "M_USER_LIMIT_EXCEEDED");
  expect((await upload(visitor.token, 5 * MIB)).status).toBe(200); // exactly the quota
  // Nothing stored for the refused uploads: three files, 25 MiB.
  const media = await asAdmin(stack, "GET", `/_synapse/admin/v1/users/${enc(visitor.userId)}/media?limit=100`);
  expect((media.media as { media_length: number }[]).map((m) => m.media_length).sort((x, y) => y - x)).toEqual([10 * MIB, 10 * MIB, 5 * MIB]);
});

test("a visitor's profile stays the one the app gave it", async () => {
  const markup = `<img src=x onerror="alert('name')">Support team`;
  const profile = `/profile/${enc(visitor.userId)}`;
  const before = { profile: (await matrix(agent.token, "GET", profile)).body, member: await stateOf("m.room.member", visitor.userId) };
  expect(before.profile.displayname).toBe("Visitor");
  // Synapse has no hook that refuses a profile change (see module.py): it answers 200,
  // the module undoes the change at once and refuses to carry it into any room.
  expect((await matrix(visitor.token, "PUT", `${profile}/displayname`, { displayname: markup })).status).toBe(200);
  expect((await matrix(visitor.token, "PUT", `${profile}/avatar_url`, { avatar_url: "mxc://localhost/forged" })).status).toBe(200);
  expect((await matrix(agent.token, "GET", profile)).body).toEqual(before.profile);
  expect(await stateOf("m.room.member", visitor.userId)).toEqual(before.member);
  // Control: an agent's own name change stands.
  expect((await matrix(agent.token, "PUT", `/profile/${enc(agent.userId)}/displayname`, { displayname: "Powers Agent (renamed)" })).status).toBe(200);
  expect((await matrix(visitor.token, "GET", `/profile/${enc(agent.userId)}`)).body.displayname).toBe("Powers Agent (renamed)");
});

test("the visitor still ends its chat and leaves", async () => {
  await visitor.end(roomId);
  expect(await stateOf(VISITOR_CLOSED_EVENT)).toEqual({ closed_at: expect.any(Number) });
  await eventually(
    "the router to close the conversation",
    async () => (currentRouting(visitor.client, roomId)?.status === "closed" ? true : undefined),
    30_000,
  );
  expect((await matrix(visitor.token, "POST", `/rooms/${enc(roomId)}/leave`, {})).status).toBe(200);
  expect(await membership(visitor.userId)).toBe("leave");
});

test("the router is no server admin", async () => {
  const router = await asAdmin(stack, "GET", `/_synapse/admin/v2/users/${enc(stack.router.userId)}`);
  expect(router.admin).toBe(false);
  const res = await fetch(`${stack.synapseUrl}/_synapse/admin/v2/users/${enc(stack.router.userId)}`, {
    headers: { authorization: `Bearer ${stack.router.accessToken}` },
  });
  expect(res.status).toBe(403);
  // Its rate-limit exemption was set at install, by an admin.
  expect(await asAdmin(stack, "GET", `/_synapse/admin/v1/users/${enc(stack.router.userId)}/override_ratelimit`)).toEqual({
    messages_per_second: 0,
    burst_count: 0,
  });
});

test("the widget says so when the visitor's daily upload quota is used up", async ({ browser }) => {
  const site = await siteWithNodeAgent(stack, "powers-widget");
  const context = await browser.newContext();
  try {
    const { page, chat } = await openChat(context, stack, site.siteId);
    await visitorSends(chat, "Hello, I have files for you");
    const sharedRoom = await agentJoins(site.agent);
    await expect(chat.getByText(`You're chatting with ${site.agentName}.`)).toBeVisible({ timeout: 60_000 });
    const { userId } = await storedVisitor(page, site.siteId);
    // Fill today's quota with the same account (an admin's puppet token for it: the quota is per account).
    const { access_token: token } = (await asAdmin(stack, "POST", `/_synapse/admin/v1/users/${enc(userId)}/login`, {})) as { access_token: string };
    for (const size of [10 * MIB, 10 * MIB, 5 * MIB]) expect((await upload(token, size)).status).toBe(200);
    await chat.locator("input[type=file]").setInputFiles({ name: "one-more.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(1024) });
    await expect(chat.getByRole("alert")).toHaveText("You have sent as many files as you can today. You can still write messages.", { timeout: 60_000 });
    await expect(chat.locator("li", { hasText: "one-more.bin" })).toHaveCount(0);
    // Messages still go out (the refused file does not hold them back).
    await visitorSends(chat, "Still here");
    await site.agent.waitForMessage(sharedRoom, "Still here");
  } finally {
    await context.close();
    await site.stop();
  }
});
