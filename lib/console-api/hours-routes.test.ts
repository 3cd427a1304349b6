import { describe, expect, it } from "vitest";
import { setTeamHoursRoute } from "./hours-routes";

const week = { sun: [], mon: [{ from: "09:00", to: "17:00" }], tue: [], wed: [], thu: [], fri: [], sat: [] };

describe("PUT /api/operator/teams/hours body", () => {
  it.each([
    ["hours", { teamId: "support", hours: { timeZone: "Europe/Berlin", weekly: week, holidays: [] } }],
    ["always open", { teamId: "support", hours: null }],
  ])("accepts %s", (_what, body) => expect(setTeamHoursRoute.body.safeParse(body).success).toBe(true));
  it.each([
    ["no hours key", { teamId: "support" }],
    ["a bad team id", { teamId: "Support!", hours: null }],
    ["an unknown time zone", { teamId: "support", hours: { timeZone: "Nowhere/Land", weekly: week, holidays: [] } }],
    ["an extra key", { teamId: "support", hours: null, open: true }],
  ])("refuses %s", (_what, body) => expect(setTeamHoursRoute.body.safeParse(body).success).toBe(false));
});
