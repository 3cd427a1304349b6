import { describe, expect, it } from "vitest";
import { agentLoad } from "../testing/agent-load";
import { decideRoute, eligibleAgents, rankAgents, type AgentLoad, type RouteInput } from "./decide-route";

const agent = (userId: string, over: Partial<AgentLoad> = {}): AgentLoad => agentLoad(userId, over, "support");
const route = (agents: AgentLoad[], over: Partial<Omit<RouteInput, "agents">> = {}) => decideRoute({ agents, teamId: null, declinedBy: [], ...over });

describe("decideRoute", () => {
  const cases: { name: string; agents: AgentLoad[]; expected: ReturnType<typeof decideRoute> }[] = [
    { name: "no agents at all", agents: [], expected: { kind: "queue", reason: "nobody-available" } },
    {
      name: "only away and offline agents",
      agents: [agent("@a:x", { availability: "away" }), agent("@b:x", { availability: "offline" })],
      expected: { kind: "queue", reason: "nobody-available" },
    },
    {
      name: "everyone available is full",
      agents: [agent("@a:x", { openCount: 3 }), agent("@b:x", { openCount: 5, maxConcurrent: 5 })],
      expected: { kind: "queue", reason: "everyone-at-capacity" },
    },
    {
      name: "fewest open conversations wins",
      agents: [agent("@a:x", { openCount: 2 }), agent("@b:x", { openCount: 1 }), agent("@c:x", { openCount: 2 })],
      expected: { kind: "assign", agentUserId: "@b:x" },
    },
    {
      name: "an away agent with no load is skipped",
      agents: [agent("@a:x", { availability: "away" }), agent("@b:x", { openCount: 2 })],
      expected: { kind: "assign", agentUserId: "@b:x" },
    },
    {
      name: "tie on load goes to the longest idle",
      agents: [agent("@a:x", { lastAssignedAt: 2_000 }), agent("@b:x", { lastAssignedAt: 1_000 })],
      expected: { kind: "assign", agentUserId: "@b:x" },
    },
    {
      name: "never assigned beats recently assigned",
      agents: [agent("@a:x", { lastAssignedAt: 5 }), agent("@b:x")],
      expected: { kind: "assign", agentUserId: "@b:x" },
    },
    {
      name: "full tie is broken by user id",
      agents: [agent("@z:x"), agent("@m:x")],
      expected: { kind: "assign", agentUserId: "@m:x" },
    },
    {
      name: "agent exactly at capacity is skipped",
      agents: [agent("@a:x", { openCount: 3, maxConcurrent: 3 }), agent("@b:x", { openCount: 4, maxConcurrent: 10 })],
      expected: { kind: "assign", agentUserId: "@b:x" },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(route(c.agents)).toEqual(c.expected);
    });
  }

  it("rotates fairly when the caller records each assignment", () => {
    let agents = [agent("@a:x"), agent("@b:x"), agent("@c:x")];
    const picked: string[] = [];
    for (let t = 1; t <= 3; t++) {
      const d = route(agents);
      if (d.kind !== "assign") throw new Error("expected an assignment");
      picked.push(d.agentUserId);
      // a conversation closes immediately: load stays 0, only idle time differs
      agents = agents.map((a) => (a.userId === d.agentUserId ? { ...a, lastAssignedAt: t } : a));
    }
    expect(picked).toEqual(["@a:x", "@b:x", "@c:x"]);
  });

  it("only routes within the conversation's team", () => {
    const agents = [
      agent("@sales:x", { teams: ["sales"] }),
      agent("@busy:x", { openCount: 2 }),
      agent("@both:x", { teams: ["sales", "support"], openCount: 1 }),
    ];
    expect(route(agents, { teamId: "support" })).toEqual({ kind: "assign", agentUserId: "@both:x" });
    expect(route(agents, { teamId: "sales" })).toEqual({ kind: "assign", agentUserId: "@sales:x" });
    expect(route(agents, { teamId: "billing" })).toEqual({ kind: "queue", reason: "nobody-available" });
  });

  it("never offers a conversation again to an agent who declined or did not show up", () => {
    const agents = [agent("@a:x"), agent("@b:x", { openCount: 2 })];
    expect(route(agents, { declinedBy: ["@a:x"] })).toEqual({ kind: "assign", agentUserId: "@b:x" });
    expect(route(agents, { declinedBy: ["@a:x", "@b:x"] })).toEqual({ kind: "queue", reason: "nobody-available" });
  });

  it("counts offline team members as eligible readers, so they can take the conversation later", () => {
    const agents = [agent("@off:x", { availability: "offline" }), agent("@other:x", { teams: ["sales"] })];
    expect(eligibleAgents({ agents, teamId: "support", declinedBy: [] }).map((a) => a.userId)).toEqual(["@off:x"]);
  });

  it("ranks the candidates best first (used for stand-by readers)", () => {
    const agents = [agent("@a:x", { openCount: 2 }), agent("@b:x"), agent("@c:x", { lastAssignedAt: 9 }), agent("@d:x", { availability: "away" })];
    expect(rankAgents({ agents, teamId: null, declinedBy: [] }).map((a) => a.userId)).toEqual(["@b:x", "@c:x", "@a:x"]);
  });
});
