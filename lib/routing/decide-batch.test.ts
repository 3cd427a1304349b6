import { describe, expect, it } from "vitest";
import { agentLoad } from "../testing/agent-load";
import { decideBatch, type BatchDecision, type BatchInput, type WaitingConversation } from "./decide-batch";
import type { AgentLoad } from "./decide-route";

const agent = (userId: string, over: Partial<AgentLoad> = {}): AgentLoad => agentLoad(userId, { maxConcurrent: 2, ...over }, "t");
const conv = (over: Partial<WaitingConversation> = {}): WaitingConversation => ({ teamId: "t", declinedBy: [], ...over });
/** A compact view of a decision: "@a:x", "queue:<reason>" or "refuse:<reason>". */
const short = (d: BatchDecision): string => (d.kind === "assign" ? d.agentUserId : `${d.kind}:${d.reason}`);
const run = (over: Partial<BatchInput>): string[] => decideBatch({ agents: [], conversations: [], teamsWithQueue: [], now: 1_000, ...over }).map(short);

describe("decideBatch", () => {
  const cases: { name: string; input: Partial<BatchInput>; expected: string[] }[] = [
    { name: "empty batch", input: { agents: [agent("@a:x")] }, expected: [] },
    {
      name: "fair rotation within the batch: the next decision sees the last one",
      input: { agents: [agent("@a:x", { maxConcurrent: 5 }), agent("@b:x", { maxConcurrent: 5 })], conversations: [conv(), conv(), conv(), conv()] },
      expected: ["@a:x", "@b:x", "@a:x", "@b:x"],
    },
    {
      name: "capacity within the batch, then the queue",
      input: { agents: [agent("@a:x", { maxConcurrent: 1 }), agent("@b:x", { maxConcurrent: 1, openCount: 1 })], conversations: [conv(), conv()] },
      expected: ["@a:x", "queue:everyone-at-capacity"],
    },
    {
      name: "arrival order: once one of a team waits, the team's later ones wait behind it",
      input: { agents: [agent("@a:x", { availability: "away" })], conversations: [conv(), conv({ teamId: "u" }), conv()] },
      expected: ["queue:nobody-available", "queue:nobody-available", "queue:behind-older"],
    },
    {
      name: "an older queued conversation of the team (outside the batch) holds new ones back; other teams go on",
      input: { agents: [agent("@a:x", { teams: ["t", "u"] })], conversations: [conv(), conv({ teamId: "u" })], teamsWithQueue: ["t"] },
      expected: ["queue:behind-older", "@a:x"],
    },
    {
      name: "a conversation everyone available declined waits without holding its team back",
      input: { agents: [agent("@a:x")], conversations: [conv({ declinedBy: ["@a:x"] }), conv()] },
      expected: ["queue:nobody-available", "@a:x"],
    },
    {
      name: "a declined conversation goes to another agent",
      input: { agents: [agent("@a:x"), agent("@b:x", { openCount: 1 })], conversations: [conv({ declinedBy: ["@a:x"] })] },
      expected: ["@b:x"],
    },
    {
      name: "a claim needs neither availability nor its turn",
      input: { agents: [agent("@a:x", { availability: "offline" })], conversations: [conv({ claimant: "@a:x" })], teamsWithQueue: ["t"] },
      expected: ["@a:x"],
    },
    {
      name: "a claim is refused outside the team, after a decline, or at capacity",
      input: {
        agents: [agent("@a:x", { teams: ["u"] }), agent("@b:x"), agent("@c:x", { openCount: 2 })],
        conversations: [
          conv({ claimant: "@a:x" }),
          conv({ claimant: "@b:x", declinedBy: ["@b:x"] }),
          conv({ claimant: "@c:x" }),
          conv({ claimant: "@nobody:x" }),
        ],
      },
      expected: ["refuse:not-eligible", "refuse:not-eligible", "refuse:at-capacity", "refuse:not-eligible"],
    },
    {
      name: "claims count towards capacity for the rest of the batch",
      input: { agents: [agent("@a:x", { maxConcurrent: 1 })], conversations: [conv({ claimant: "@a:x" }), conv({ claimant: "@a:x" })] },
      expected: ["@a:x", "refuse:at-capacity"],
    },
    {
      name: "a refused claim does not hold the team back",
      input: { agents: [agent("@a:x")], conversations: [conv({ claimant: "@z:x" }), conv()] },
      expected: ["refuse:not-eligible", "@a:x"],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(run(c.input)).toEqual(c.expected);
    });
  }

  it("names stand-by readers with each decision: the next candidates when assigned, the whole team when queued", () => {
    const agents = [agent("@a:x"), agent("@b:x", { openCount: 1 }), agent("@c:x", { availability: "away" }), agent("@d:x", { teams: ["u"] })];
    const [assigned, queued] = decideBatch({ agents, conversations: [conv(), conv({ declinedBy: ["@a:x", "@b:x"] })], teamsWithQueue: [], now: 5 });
    expect(assigned).toEqual({ kind: "assign", agentUserId: "@a:x", standbyUserIds: ["@b:x"] });
    expect(queued).toEqual({ kind: "queue", reason: "nobody-available", standbyUserIds: ["@c:x"] });
  });

  it("does not change the loads it was given", () => {
    const agents = [agent("@a:x")];
    decideBatch({ agents, conversations: [conv()], teamsWithQueue: [], now: 5 });
    expect(agents[0]).toMatchObject({ openCount: 0, lastAssignedAt: null });
  });
});
