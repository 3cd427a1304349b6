import { describe, expect, it } from "vitest";
import { nextOffboardingStep, offboardRefusal, type OffboardingProgress } from "./offboarding-steps";

const t = new Date(0);
const none: OffboardingProgress = { rosterDone: false, reroutedAt: null, kicksCheckedAt: null, deactivatedAt: null, finishedAt: null };

describe("nextOffboardingStep", () => {
  it.each<[string, OffboardingProgress, ReturnType<typeof nextOffboardingStep>]>([
    ["nothing done", none, "roster"],
    ["roster signed", { ...none, rosterDone: true }, "reroute"],
    ["re-routed", { ...none, rosterDone: true, reroutedAt: t }, "kicks"],
    ["kicks checked", { ...none, rosterDone: true, reroutedAt: t, kicksCheckedAt: t }, "deactivate"],
    ["deactivated", { ...none, rosterDone: true, reroutedAt: t, kicksCheckedAt: t, deactivatedAt: t }, "finish"],
    ["finished", { rosterDone: true, reroutedAt: t, kicksCheckedAt: t, deactivatedAt: t, finishedAt: t }, null],
    // Steps never run out of order, whatever a half-written row says.
    ["re-routed but roster not signed", { ...none, reroutedAt: t }, "roster"],
  ])("%s", (_name, progress, step) => expect(nextOffboardingStep(progress)).toBe(step));
});

describe("offboardRefusal", () => {
  const agent = { userId: "@a:x", role: "agent" as const, offboarded: false };
  const op = { userId: "@op2:x", role: "operator" as const, offboarded: false };
  it.each<[string, Parameters<typeof offboardRefusal>[0], number | null]>([
    ["an agent, by an operator", { caller: "@op:x", target: agent, operators: 1 }, null],
    ["no such agent", { caller: "@op:x", target: null, operators: 1 }, 404],
    ["oneself", { caller: "@a:x", target: agent, operators: 2 }, 409],
    ["oneself, the last operator", { caller: "@op2:x", target: op, operators: 1 }, 409],
    ["another operator while two remain", { caller: "@op:x", target: op, operators: 2 }, null],
    ["the last operator (count says so)", { caller: "@op:x", target: op, operators: 1 }, 409],
    ["already offboarded: resumed, not refused", { caller: "@op:x", target: { ...agent, offboarded: true }, operators: 1 }, null],
  ])("%s", (_name, req, status) => expect(offboardRefusal(req)?.status ?? null).toBe(status));
});
