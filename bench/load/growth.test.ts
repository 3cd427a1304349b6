import { describe, expect, it } from "vitest";
import { fitGrowth, intervalsOf } from "./growth";

describe("fitGrowth", () => {
  it("recovers the two costs from exact intervals", () => {
    const cost = (c: number, m: number) => ({ conversations: c, messages: m, bytes: c * 50_000 + m * 2_000 });
    const fit = fitGrowth([cost(100, 50), cost(100, 400), cost(0, 300)]);
    expect(fit?.perConversation).toBeCloseTo(50_000);
    expect(fit?.perMessage).toBeCloseTo(2_000);
  });

  it.each([
    ["one interval", [{ conversations: 10, messages: 10, bytes: 100 }]],
    [
      "collinear intervals",
      [
        { conversations: 10, messages: 20, bytes: 100 },
        { conversations: 20, messages: 40, bytes: 200 },
      ],
    ],
    ["nothing", []],
  ])("null for %s", (_, intervals) => expect(fitGrowth(intervals)).toBeNull());
});

describe("intervalsOf", () => {
  it("differences of cumulative points", () =>
    expect(
      intervalsOf([
        { conversations: 0, messages: 0, bytes: 10 },
        { conversations: 5, messages: 7, bytes: 30 },
        { conversations: 9, messages: 20, bytes: 31 },
      ]),
    ).toEqual([
      { conversations: 5, messages: 7, bytes: 20 },
      { conversations: 4, messages: 13, bytes: 1 },
    ]));
});
