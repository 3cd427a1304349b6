import { describe, expect, it } from "vitest";
import { closeRoute, transferRoute } from "./conversation-routes";
import { conversationSummariesSchema } from "./conversation-summary";
import { addAgentRoute, addCannedRoute, addTeamRoute, publishRosterRoute, registerOrgKeyRoute } from "./operator-routes";

const room = "!abc:example.org";

describe("operator and conversation request bodies (parsed by the API routes)", () => {
  it.each([
    [addAgentRoute.body, { kind: "new", username: "alice", displayName: "Alice" }],
    [addAgentRoute.body, { kind: "existing", userId: "@alice:example.org:8448", displayName: "Alice", role: "operator", teams: ["support"] }],
    [addTeamRoute.body, { id: "billing-2", name: "Billing" }],
    [addCannedRoute.body, { teamId: "support", title: "Hi", body: "Hello!" }],
    [registerOrgKeyRoute.body, { orgKey: `ed25519:${"a".repeat(43)}` }],
    [publishRosterRoute.body, { roster: { anything: "checked by the server against the key" } }],
    [transferRoute.body, { roomId: room, to: { agentUserId: "@bob:example.org" } }],
    [transferRoute.body, { roomId: room, to: { teamId: "support" } }],
    [closeRoute.body, { roomId: room }],
  ])("accepts %#", (schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });

  it.each([
    ["an upper-case username", addAgentRoute.body, { kind: "new", username: "Alice", displayName: "Alice" }],
    ["a user id without server", addAgentRoute.body, { kind: "existing", userId: "@alice", displayName: "Alice" }],
    ["a historical (upper-case) user id for a new agent", addAgentRoute.body, { kind: "existing", userId: "@Alice:example.org", displayName: "Alice" }],
    ["a blank display name", addAgentRoute.body, { kind: "new", username: "alice", displayName: "   " }],
    ["an unknown role", addAgentRoute.body, { kind: "new", username: "alice", displayName: "A", role: "admin" }],
    ["21 teams", addAgentRoute.body, { kind: "new", username: "alice", displayName: "A", teams: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ["a userId on a new account", addAgentRoute.body, { kind: "new", username: "alice", userId: "@x:y", displayName: "A" }],
    ["no kind", addAgentRoute.body, { username: "alice", displayName: "A" }],
    ["a team id with spaces", addTeamRoute.body, { id: "a b", name: "A" }],
    ["a canned text over 4000", addCannedRoute.body, { teamId: "t", title: "T", body: "x".repeat(4001) }],
    ["a malformed org key", registerOrgKeyRoute.body, { orgKey: "ed25519:short" }],
    ["a transfer to a non-user", transferRoute.body, { roomId: room, to: { agentUserId: "bob" } }],
    ["a transfer to both", transferRoute.body, { roomId: room, to: { agentUserId: "@bob:x", teamId: "t" } }],
    ["a close without room", closeRoute.body, {}],
  ])("rejects %s", (_what, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it("fills the defaults the server relies on", () => {
    expect(addAgentRoute.body.parse({ kind: "new", username: "alice", displayName: " Alice " })).toEqual({
      kind: "new",
      username: "alice",
      displayName: "Alice",
      role: "agent",
      teams: [],
    });
  });

  it("names the field and the grammar for a bad user id", () => {
    const result = addAgentRoute.body.safeParse({ kind: "existing", userId: "alice", displayName: "A" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["userId"], message: "must be a Matrix user id such as @alice:example.org" });
  });
});

describe("conversation lists (parsed by the console)", () => {
  const row = {
    roomId: room,
    siteId: "shop",
    siteName: "Shop",
    visitorUserId: "@visitor-1:x",
    status: "queued",
    agentUserId: null,
    agentName: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    waitSeconds: 12,
  };
  it("reads a Queue or All answer", () => {
    expect(conversationSummariesSchema.parse({ conversations: [row] })).toEqual({ conversations: [row] });
  });
  it.each([
    ["an unknown status", { ...row, status: "lost" }],
    ["a wait as text", { ...row, waitSeconds: "12" }],
    ["no site name", { ...row, siteName: undefined }],
  ])("refuses %s", (_what, bad) => {
    expect(conversationSummariesSchema.safeParse({ conversations: [bad] }).success).toBe(false);
  });
});
