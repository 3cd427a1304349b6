import { describe, expect, it } from "vitest";
import { percentile, summarise } from "./stats";

describe("percentile", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  it("uses nearest rank", () => {
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });
  it("is NaN for no samples", () => expect(percentile([], 50)).toBeNaN());
  it("summarises unsorted input", () => expect(summarise("x", [30, 10, 20])).toBe("x: n=3 p50=20 ms p95=30 ms mean=20 ms min=10 ms max=30 ms"));
});
