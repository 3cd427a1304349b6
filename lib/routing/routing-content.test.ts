import { describe, expect, it } from "vitest";
import { routingContentSchema } from "../conversation/event-types";
import { routingContent, type ConversationRouting } from "./routing-content";

const base: ConversationRouting = {
  status: "queued",
  agentUserId: null,
  agentDisplayName: null,
  standbyUserIds: ["@b:x", "@a:x"],
  supervisorUserIds: [],
  closedReason: null,
};

describe("routingContent", () => {
  it("makes the whole team readers while queued", () => {
    expect(routingContent(base, 5)).toEqual({ status: "queued", readers: ["@a:x", "@b:x"], updated_at: 5 });
  });
  it("keeps the standby agents as readers until the assigned agent accepts", () => {
    const c = routingContent({ ...base, status: "assigned", agentUserId: "@c:x", agentDisplayName: "Cee" }, 6);
    expect(c).toEqual({ status: "assigned", agent_user_id: "@c:x", agent_display_name: "Cee", readers: ["@a:x", "@b:x", "@c:x"], updated_at: 6 });
  });
  it("narrows readers to the agent once accepted", () => {
    expect(routingContent({ ...base, status: "active", agentUserId: "@a:x", agentDisplayName: "A" }, 7).readers).toEqual(["@a:x"]);
  });
  it("has no readers once closed, and says why", () => {
    expect(routingContent({ ...base, status: "closed", agentUserId: "@a:x", closedReason: "inactivity" }, 8)).toMatchObject({
      readers: [],
      closed_reason: "inactivity",
    });
  });
  describe("the team's supervisors are declared readers while open, listed after the routed readers", () => {
    const withS = { ...base, supervisorUserIds: ["@s2:x", "@s1:x"] };
    const cases: { name: string; c: ConversationRouting; readers: string[] }[] = [
      { name: "queued", c: withS, readers: ["@a:x", "@b:x", "@s1:x", "@s2:x"] },
      { name: "assigned", c: { ...withS, status: "assigned", agentUserId: "@c:x" }, readers: ["@a:x", "@b:x", "@c:x", "@s1:x", "@s2:x"] },
      { name: "active: the agent first, then the supervisors", c: { ...withS, status: "active", agentUserId: "@z:x" }, readers: ["@z:x", "@s1:x", "@s2:x"] },
      { name: "closed: nobody", c: { ...withS, status: "closed", agentUserId: "@z:x" }, readers: [] },
      { name: "a supervisor who is also the agent is listed once", c: { ...withS, status: "active", agentUserId: "@s1:x" }, readers: ["@s1:x", "@s2:x"] },
      { name: "a supervisor who is also a stand-by is listed once", c: { ...withS, standbyUserIds: ["@s2:x"] }, readers: ["@s2:x", "@s1:x"] },
      { name: "no supervisors: as before", c: { ...base, status: "active", agentUserId: "@a:x" }, readers: ["@a:x"] },
    ];
    for (const { name, c, readers } of cases) it(name, () => expect(routingContent(c, 1).readers).toEqual(readers));
  });
  describe("names the supervisors and their team apart from the routed readers, so key holders check the signed role", () => {
    const withS = { ...base, supervisorUserIds: ["@s1:x"], teamId: "t1" };
    const cases: { name: string; c: ConversationRouting; expected: object }[] = [
      { name: "active", c: { ...withS, status: "active", agentUserId: "@z:x" }, expected: { supervisors: ["@s1:x"], team_id: "t1" } },
      { name: "a supervisor who is also a stand-by is routed, not labelled", c: { ...withS, standbyUserIds: ["@s1:x"] }, expected: {} },
      { name: "closed: no label", c: { ...withS, status: "closed", agentUserId: "@z:x" }, expected: {} },
      { name: "no team known: no label", c: { ...withS, teamId: null, status: "active", agentUserId: "@z:x" }, expected: {} },
      { name: "no supervisors: no label", c: { ...base, teamId: "t1", status: "active", agentUserId: "@z:x" }, expected: {} },
    ];
    for (const { name, c, expected } of cases)
      it(name, () => {
        const { supervisors, team_id } = routingContent(c, 1);
        expect({ ...(supervisors ? { supervisors } : {}), ...(team_id ? { team_id } : {}) }).toEqual(expected);
      });
  });
  it("always produces content the widget accepts", () => {
    for (const status of ["queued", "assigned", "active", "closed"] as const) {
      expect(
        routingContentSchema.safeParse(routingContent({ ...base, status, agentUserId: "@a:x", supervisorUserIds: ["@s:x"], teamId: "t" }, 1)).success,
      ).toBe(true);
    }
  });
});
