import { describe, expect, it } from "vitest";
import { keyHolders } from "./key-holders";

describe("keyHolders", () => {
  it.each([
    { name: "never taken, nobody queued: nobody", input: { agentUserId: null, assignedAgents: [], queueAgents: [] }, expected: [] },
    { name: "its agent alone", input: { agentUserId: "@a:x", assignedAgents: [], queueAgents: [] }, expected: ["@a:x"] },
    {
      name: "offered to two, queued to a team, transferred: each once, sorted",
      input: { agentUserId: "@c:x", assignedAgents: ["@b:x", "@a:x", "@b:x"], queueAgents: ["@d:x", "@a:x"] },
      expected: ["@a:x", "@b:x", "@c:x", "@d:x"],
    },
  ])("$name", ({ input, expected }) => {
    expect(keyHolders(input)).toEqual(expected);
  });
});
