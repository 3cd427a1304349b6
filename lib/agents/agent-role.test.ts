import { describe, expect, it } from "vitest";
import { roleChangeRefusal, roleDescription, roleLabel, roleOfRow, rowOfRole, type AgentRole } from "./agent-role";

const agent: AgentRole = { kind: "agent" };
const operator: AgentRole = { kind: "operator" };
const sup: AgentRole = { kind: "supervisor", teamId: "sales" };

describe("roles and rows", () => {
  it.each<[AgentRole, string]>([
    [agent, "agent"],
    [operator, "operator"],
    [sup, "supervisor:sales"],
  ])("%o round-trips through its row and is labelled %s", (role, label) => {
    expect(roleOfRow(rowOfRole(role))).toEqual(role);
    expect(roleLabel(role)).toBe(label);
  });
});

describe("roleDescription", () => {
  it.each<[AgentRole, string]>([
    [agent, "agent"],
    [operator, "operator"],
    [sup, "supervisor of sales (declared reader of its conversations)"],
  ])("%o reads %s", (role, text) => expect(roleDescription(role)).toBe(text));
});

describe("roleChangeRefusal", () => {
  const base = { current: agent, offboarded: false, next: operator, teamExists: true, operators: 1 };
  it.each<[string, Parameters<typeof roleChangeRefusal>[0], number | null]>([
    ["agent to operator", base, null],
    ["agent to supervisor of a team", { ...base, next: sup }, null],
    ["supervisor of an unknown team", { ...base, next: sup, teamExists: false }, 400],
    ["unknown agent", { ...base, current: null }, 404],
    ["offboarded agent", { ...base, offboarded: true }, 409],
    ["no change", { ...base, next: agent }, 409],
    ["the last operator demoted", { ...base, current: operator, next: agent, operators: 1 }, 409],
    ["an operator demoted while another remains", { ...base, current: operator, next: agent, operators: 2 }, null],
  ])("%s", (_name, input, status) => expect(roleChangeRefusal(input)?.status ?? null).toBe(status));
});
