import { describe, expect, it } from "vitest";
import { isDelivered, MAX_ATTEMPTS, nextRetryDelay } from "./webhook-backoff";

describe("nextRetryDelay", () => {
  const s = 1000;
  const cases: [attempt: number, random: number, want: number | null][] = [
    [1, 0.5, 5 * s],
    [2, 0.5, 20 * s],
    [3, 0.5, 80 * s],
    [4, 0.5, 320 * s],
    [6, 0.5, 5120 * s],
    [7, 0.5, 20480 * s],
    [8, 0.5, 6 * 3600 * s], // capped
    [11, 0.5, 6 * 3600 * s],
    [MAX_ATTEMPTS, 0.5, null], // given up
    [1, 0, 4.5 * s], // jitter -10%
    [1, 1, 5.5 * s], // jitter +10%
    [0, 0.5, null],
    [1.5, 0.5, null],
  ];
  for (const [attempt, random, want] of cases)
    it(`after attempt ${attempt} (random ${random}): ${want}`, () => {
      expect(nextRetryDelay(attempt, random)).toBe(want);
    });

  it("retries for about a day and a half in all", () => {
    let total = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) total += nextRetryDelay(a, 0.5)!;
    expect(total / 3_600_000).toBeGreaterThan(30);
    expect(total / 3_600_000).toBeLessThan(48);
  });
});

describe("isDelivered", () => {
  const cases: [number | null, boolean][] = [
    [200, true],
    [204, true],
    [299, true],
    [301, false],
    [404, false],
    [500, false],
    [null, false],
  ];
  for (const [status, want] of cases) it(`${status} -> ${want}`, () => expect(isDelivered(status)).toBe(want));
});
