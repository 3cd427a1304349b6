import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = Date.UTC(2026, 11, 6, 12, 0, 0);
const ago = (s: number) => now - s * 1000;

describe("relativeTime", () => {
  it.each([
    [ago(10), "now"],
    [now + 30_000, "now"],
    [ago(60), "1 min. ago"],
    [ago(59 * 60), "59 min. ago"],
    [ago(3 * 3600 + 10), "3 hr. ago"],
    [ago(86_400), "yesterday"],
    [ago(3 * 86_400), "3 days ago"],
    [ago(15 * 86_400), "2 wk. ago"],
    [Date.UTC(2026, 9, 1, 12), "Oct 1, 2026"],
  ])("%s → %s", (then, expected) => {
    expect(relativeTime(then, now, "en-US")).toBe(expected);
  });

  it("speaks the agent's language", () => {
    expect(relativeTime(ago(86_400), now, "fr")).toBe("hier");
  });
});
