import { describe, expect, it } from "vitest";
import { judgeStep, kneeOf, levelMs, rampTargets, shouldContinue } from "./ramp";

describe("rampTargets", () => {
  it.each([
    [100, 1000, [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]],
    [100, 250, [100, 200, 250]],
    [50, 50, [50]],
    [200, 100, [100]],
  ])("step %d up to %d", (step, max, expected) => expect(rampTargets(step, max)).toEqual(expected));

  it("refuses a non-positive step", () => expect(() => rampTargets(0, 10)).toThrow());
});

describe("judgeStep", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 … 1000 ms
  it.each([
    ["p95 under budget", hundred, 1000, { p50: 500, p95: 950, p99: 990, n: 100, pass: true }],
    ["p95 over budget", hundred, 900, { p50: 500, p95: 950, p99: 990, n: 100, pass: false }],
    ["p95 exactly at budget passes", hundred, 950, { p50: 500, p95: 950, p99: 990, n: 100, pass: true }],
  ])("%s", (_, lat, budget, expected) => expect(judgeStep(lat, budget)).toEqual(expected));

  it("no message at a level is a failure, not a pass", () => expect(judgeStep([], 1000).pass).toBe(false));
});

describe("kneeOf", () => {
  it.each([
    ["fails at the third level", [true, true, false], { knee: 200, passedPast: true }],
    ["fails at the first", [false], { knee: 0, passedPast: true }],
    ["never fails: a lower bound", [true, true], { knee: 200, passedPast: false }],
    ["a later pass after a failure does not count", [true, false, true], { knee: 100, passedPast: true }],
    ["no level", [], { knee: 0, passedPast: false }],
  ])("%s", (_, passes, expected) => expect(kneeOf(passes.map((pass, i) => ({ live: (i + 1) * 100, pass })))).toEqual(expected));
});

describe("shouldContinue and levelMs", () => {
  it.each([
    [true, 200, 100_000, 50_000, true],
    [false, 200, 100_000, 50_000, false],
    [true, undefined, 100_000, 50_000, false],
    [true, 200, 40_000, 50_000, false],
  ])("pass=%s next=%s left=%d needed=%d -> %s", (pass, next, left, needed, expected) => expect(shouldContinue({ pass }, next, left, needed)).toBe(expected));
  it("arrivals at the rate, then the hold", () => expect(levelMs(100, 200, 2, 60_000)).toBe(110_000));
});
