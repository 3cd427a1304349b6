import { describe, expect, it } from "vitest";
import { createKickBackoff } from "./kick-backoff";

describe("kick back-off", () => {
  const settings = { baseMs: 1_000, maxMs: 8_000 };

  it("doubles the wait after each refusal, up to the maximum", () => {
    const b = createKickBackoff(settings);
    const waits = [0, 1, 2, 3, 4, 5].map(() => b.refused("!r", "@s", "pl1", 0));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  const cases: { name: string; refusedAt: number; ask: { userId?: string; roomId?: string; pl?: string | null; now: number }; expected: boolean }[] = [
    { name: "not yet: within the wait", refusedAt: 0, ask: { now: 999 }, expected: false },
    { name: "again once the wait is over", refusedAt: 0, ask: { now: 1_000 }, expected: true },
    { name: "at once when the room's power levels changed", refusedAt: 0, ask: { pl: "pl2", now: 1 }, expected: true },
    { name: "at once when the power levels event is gone", refusedAt: 0, ask: { pl: null, now: 1 }, expected: true },
    { name: "another member of the room is not held back", refusedAt: 0, ask: { userId: "@other", now: 1 }, expected: true },
    { name: "the same member in another room is not held back", refusedAt: 0, ask: { roomId: "!other", now: 1 }, expected: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = createKickBackoff(settings);
      b.refused("!r", "@s", "pl1", c.refusedAt);
      expect(b.mayTry(c.ask.roomId ?? "!r", c.ask.userId ?? "@s", c.ask.pl === undefined ? "pl1" : c.ask.pl, c.ask.now)).toBe(c.expected);
    });
  }

  it("starts over after the power levels change, and forgets a kick that went through", () => {
    const b = createKickBackoff(settings);
    b.refused("!r", "@s", "pl1", 0);
    b.refused("!r", "@s", "pl1", 1_000);
    expect(b.refused("!r", "@s", "pl2", 3_000)).toBe(1_000);
    b.done("!r", "@s");
    expect(b.mayTry("!r", "@s", "pl2", 3_001)).toBe(true);
    expect(b.size()).toBe(0);
  });

  it("forgets rooms that are no longer open", () => {
    const b = createKickBackoff(settings);
    b.refused("!open", "@s", null, 0);
    b.refused("!closed", "@s", null, 0);
    b.keepOnly(new Set(["!open"]));
    expect(b.size()).toBe(1);
    expect(b.mayTry("!open", "@s", null, 1)).toBe(false);
  });
});
