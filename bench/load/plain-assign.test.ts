import { describe, expect, it } from "vitest";
import { pickAgent } from "./plain-assign";

describe("pickAgent", () => {
  it.each([
    ["the least loaded", [3, 1, 2], 10, 1],
    ["the first of equals", [2, 2, 2], 10, 0],
    ["skips a full agent even if it comes first", [10, 9], 10, 1],
    ["null when every agent is full", [10, 10], 10, null],
    ["null without agents", [], 10, null],
  ])("%s", (_, loads, capacity, expected) =>
    expect(
      pickAgent(
        loads.map((load) => ({ load })),
        capacity,
      ),
    ).toBe(expected),
  );
});
