import { describe, expect, it } from "vitest";
import { agentLoad } from "../testing/agent-load";
import type { AgentLoad } from "./decide-route";
import { standbyReaders } from "./standby-readers";

const agent = (userId: string, over: Partial<AgentLoad> = {}): AgentLoad => agentLoad(userId, over, "t");

describe("standbyReaders", () => {
  const agents = [
    agent("@a:x", { openCount: 2 }),
    agent("@b:x", { openCount: 0 }),
    agent("@c:x", { openCount: 1 }),
    agent("@d:x", { availability: "away" }),
    agent("@e:x", { teams: ["other"] }),
  ];

  it("while queued: every agent of the team who has not declined, whatever their availability", () => {
    expect(standbyReaders(agents, { status: "queued", teamId: "t", declinedBy: ["@a:x"], agentUserId: null })).toEqual(["@b:x", "@c:x", "@d:x"]);
  });

  it("while assigned: the next two best candidates, never the agent or those who declined", () => {
    expect(standbyReaders(agents, { status: "assigned", teamId: "t", declinedBy: [], agentUserId: "@b:x" })).toEqual(["@c:x", "@a:x"]);
    expect(standbyReaders(agents, { status: "assigned", teamId: "t", declinedBy: ["@c:x"], agentUserId: "@b:x" })).toEqual(["@a:x"]);
  });

  it("once accepted or closed: nobody", () => {
    expect(standbyReaders(agents, { status: "active", teamId: "t", declinedBy: [], agentUserId: "@b:x" })).toEqual([]);
    expect(standbyReaders(agents, { status: "closed", teamId: "t", declinedBy: [], agentUserId: null })).toEqual([]);
  });
});
