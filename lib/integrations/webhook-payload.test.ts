import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "./webhook-events";
import { webhookPayload, type ConversationFacts } from "./webhook-payload";

const at = new Date("2026-12-06T09:00:00Z");
const row: ConversationFacts & Record<string, unknown> = {
  roomId: "!room:x",
  siteId: "demo",
  visitorUserId: "@visitor-1:x",
  teamId: "support",
  agentUserId: "@alice:x",
  status: "active",
  createdAt: new Date("2026-12-06T08:00:00Z"),
  assignedAt: new Date("2026-12-06T08:01:00Z"),
  acceptedAt: null,
  closedAt: null,
  closedReason: null,
  // What a row (or a careless caller) might carry beside the metadata: never sent.
  declinedBy: ["@bob:x"],
  body: "my card number is 4242",
  text: "secret text",
};

const conversationKeys = [
  "id",
  "site_id",
  "team_id",
  "visitor_id",
  "agent_id",
  "status",
  "started_at",
  "assigned_at",
  "accepted_at",
  "closed_at",
  "closed_reason",
];

describe("webhookPayload", () => {
  const cases: { type: (typeof WEBHOOK_EVENTS)[number]; details?: Parameters<typeof webhookPayload>[4]; keys: string[] }[] = [
    { type: "conversation.started", keys: ["id", "type", "created_at", "conversation"] },
    { type: "conversation.assigned", keys: ["id", "type", "created_at", "conversation"] },
    { type: "conversation.closed", keys: ["id", "type", "created_at", "conversation"] },
    { type: "conversation.reopened", keys: ["id", "type", "created_at", "conversation"] },
    {
      type: "conversation.transferred",
      details: { fromAgentId: "@bob:x", fromTeamId: "sales" },
      keys: ["id", "type", "created_at", "conversation", "transfer"],
    },
    { type: "conversation.rated", details: { score: 4 }, keys: ["id", "type", "created_at", "conversation", "rating"] },
  ];
  for (const c of cases)
    it(`${c.type}: metadata fields only`, () => {
      const p = webhookPayload("evt_1", c.type, at, row, c.details);
      expect(Object.keys(p).sort()).toEqual([...c.keys].sort());
      expect(Object.keys(p.conversation).sort()).toEqual([...conversationKeys].sort());
      const json = JSON.stringify(p);
      for (const content of ["4242", "secret text", "declined", "body"]) expect(json).not.toContain(content);
    });

  it("carries the ids and times", () => {
    const p = webhookPayload("evt_1", "conversation.transferred", at, row, { fromAgentId: "@bob:x", fromTeamId: null });
    expect(p).toMatchObject({
      id: "evt_1",
      created_at: "2026-12-06T09:00:00.000Z",
      conversation: {
        id: "!room:x",
        site_id: "demo",
        team_id: "support",
        agent_id: "@alice:x",
        started_at: "2026-12-06T08:00:00.000Z",
        assigned_at: "2026-12-06T08:01:00.000Z",
        accepted_at: null,
      },
      transfer: { from_agent_id: "@bob:x", from_team_id: null },
    });
  });

  it("a rating without a score carries no rating", () => {
    expect(webhookPayload("evt_1", "conversation.rated", at, row).rating).toBeUndefined();
  });
});
