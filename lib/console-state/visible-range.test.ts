import { describe, expect, it } from "vitest";
import { visibleRange } from "./visible-range";

describe("visibleRange", () => {
  it.each([
    // top, height, count → start, end (rows of 84 px, 8 rows of overscan)
    [0, 800, 0, 0, 0],
    [0, 800, 5, 0, 5],
    [0, 800, 200, 0, 18],
    [84 * 50, 800, 200, 42, 68],
    [84 * 50 + 50, 800, 200, 42, 69],
    [84 * 195, 800, 200, 187, 200],
    // Scrolled past the end (the list shrank): nothing before the end is skipped wrongly.
    [84 * 300, 800, 200, 200, 200],
  ])("top %i, height %i, %i rows → %i..%i", (top, height, count, start, end) => {
    expect(visibleRange({ top, height }, 84, count)).toEqual({ start, end });
  });
});
