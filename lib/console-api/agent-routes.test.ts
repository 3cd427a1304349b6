import { describe, expect, it } from "vitest";
import { agentConversationsRoute, agentTrustRoute, claimRoute, linkNotesRoomRoute, notesRoomRoute, setAgentAvailabilityRoute } from "./agent-routes";

const room = "!abc:example.org";
const key = `ed25519:${"A".repeat(43)}`;

describe("agent request bodies (parsed by the API routes)", () => {
  it.each([
    [setAgentAvailabilityRoute.body, { availability: "away" }],
    [setAgentAvailabilityRoute.body, { maxConcurrent: 1 }],
    [setAgentAvailabilityRoute.body, { availability: "available", maxConcurrent: 50 }],
    [claimRoute.body, { roomId: room }],
    [linkNotesRoomRoute.body, { roomId: room, notesRoomId: "!notes:example.org" }],
    [notesRoomRoute.query, { roomId: room }],
  ])("accepts %#", (schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });

  it.each([
    ["nothing to change", setAgentAvailabilityRoute.body, {}],
    ["unknown status", setAgentAvailabilityRoute.body, { availability: "busy" }],
    ["capacity 0", setAgentAvailabilityRoute.body, { maxConcurrent: 0 }],
    ["capacity 51", setAgentAvailabilityRoute.body, { maxConcurrent: 51 }],
    ["fractional capacity", setAgentAvailabilityRoute.body, { maxConcurrent: 2.5 }],
    ["capacity as text", setAgentAvailabilityRoute.body, { maxConcurrent: "3" }],
    ["an extra field", setAgentAvailabilityRoute.body, { availability: "away", role: "operator" }],
    ["a user id for a room id", claimRoute.body, { roomId: "@alice:example.org" }],
    ["no room id", claimRoute.body, {}],
    ["an extra field on claim", claimRoute.body, { roomId: room, agentUserId: "@bob:example.org" }],
    ["a notes room that is no room id", linkNotesRoomRoute.body, { roomId: room, notesRoomId: "notes" }],
    ["markup as room id", notesRoomRoute.query, { roomId: "!<script>:x" }],
  ])("rejects %s", (_what, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});

describe("agent answers (parsed by the console)", () => {
  it("reads the agent's conversations", () => {
    const row = {
      roomId: room,
      status: "active",
      siteId: "shop",
      visitorUserId: "@visitor-1:x",
      createdAt: "2026-01-01T00:00:00.000Z",
      notesRoomId: null,
      participants: ["@visitor-1:x"],
    };
    expect(agentConversationsRoute.response.parse({ conversations: [row] }).conversations[0]).toEqual(row);
    expect(agentConversationsRoute.response.safeParse({ conversations: [{ ...row, status: "lost" }] }).success).toBe(false);
    // A supervisor's team conversation says so; nothing else passes for it.
    expect(agentConversationsRoute.response.parse({ conversations: [{ ...row, supervising: true }] }).conversations[0]?.supervising).toBe(true);
    expect(agentConversationsRoute.response.safeParse({ conversations: [{ ...row, supervising: "yes" }] }).success).toBe(false);
  });

  // The trust answer is judged by the console, not trusted: malformed parts count as absent.
  it.each([
    [
      "a valid key",
      { orgKey: key, roster: { v: 1 }, agents: ["@a:x"], routerUserId: "@router:x" },
      { orgKey: key, roster: { v: 1 }, agents: ["@a:x"], routerUserId: "@router:x" },
    ],
    [
      "a malformed key counts as none",
      { orgKey: "ed25519:short", roster: null, agents: [], routerUserId: "@r:x" },
      { orgKey: null, roster: null, agents: [], routerUserId: "@r:x" },
    ],
    [
      "a key that is not text counts as none",
      { orgKey: 42, agents: [], routerUserId: "@r:x" },
      { orgKey: null, roster: undefined, agents: [], routerUserId: "@r:x" },
    ],
    [
      "non-text agents are dropped",
      { orgKey: null, agents: ["@a:x", 1, null, "@b:x"], routerUserId: "@r:x" },
      { orgKey: null, roster: undefined, agents: ["@a:x", "@b:x"], routerUserId: "@r:x" },
    ],
    [
      "agents that are no list count as none",
      { orgKey: null, agents: "@a:x", routerUserId: 7 },
      { orgKey: null, roster: undefined, agents: [], routerUserId: "" },
    ],
  ])("trust: %s", (_what, answer, expected) => {
    expect(agentTrustRoute.response.parse(answer)).toEqual(expected);
  });

  it("trust: an answer that is no object is an error", () => {
    expect(agentTrustRoute.response.safeParse(null).success).toBe(false);
    expect(agentTrustRoute.response.safeParse("ok").success).toBe(false);
  });
});
