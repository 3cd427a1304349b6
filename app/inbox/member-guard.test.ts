import { describe, expect, it } from "vitest";
import { sameAssessment, type MemberAssessment } from "./member-guard";

const passed = (): MemberAssessment => ({ mode: "roster", refused: null, blocking: [], visitorBlocked: [], unknown: [], holds: false });

describe("sameAssessment (a send's check that finds nothing new redraws nothing)", () => {
  it("is true for a check that found the same", () => {
    expect(sameAssessment(passed(), passed())).toBe(true);
  });
  it("is false before the first check, and for any change a warning shows", () => {
    expect(sameAssessment(null, passed())).toBe(false);
    const blocked: MemberAssessment = { ...passed(), blocking: [{ userId: "@x:hs", reason: "not-on-roster" }], holds: true };
    expect(sameAssessment(passed(), blocked)).toBe(false);
    expect(sameAssessment(passed(), { ...passed(), visitorBlocked: [{ userId: "@x:hs", reason: "identity-changed" }] })).toBe(false);
    expect(sameAssessment(passed(), { ...passed(), mode: "refused", refused: "another key", holds: true })).toBe(false);
    expect(
      sameAssessment(
        { ...passed(), mode: "degraded", unknown: [{ userId: "@x:hs", confirmed: false }] },
        { ...passed(), mode: "degraded", unknown: [{ userId: "@x:hs", confirmed: true }] },
      ),
    ).toBe(false);
  });
});
