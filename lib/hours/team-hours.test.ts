import { describe, expect, it } from "vitest";
import { holidaysFromText, rangesFromText, rangesToText } from "./hours-text";
import { teamHoursSchema } from "./team-hours";

const week = { sun: [], mon: [{ from: "09:00", to: "17:00" }], tue: [], wed: [], thu: [], fri: [], sat: [] };
const valid = { timeZone: "Europe/Berlin", weekly: week, holidays: ["2026-12-25"] };

describe("teamHoursSchema", () => {
  it("accepts valid hours", () => expect(teamHoursSchema.parse(valid)).toEqual(valid));
  it.each([
    ["unknown time zone", { ...valid, timeZone: "Mars/Olympus" }, "IANA"],
    ["bad time", { ...valid, weekly: { ...week, mon: [{ from: "9:00", to: "17:00" }] } }, "HH:MM"],
    ["25:00", { ...valid, weekly: { ...week, mon: [{ from: "09:00", to: "25:00" }] } }, "HH:MM"],
    ["starts at 24:00", { ...valid, weekly: { ...week, mon: [{ from: "24:00", to: "02:00" }] } }, "24:00"],
    ["empty range", { ...valid, weekly: { ...week, mon: [{ from: "09:00", to: "09:00" }] } }, "same time"],
    ["missing day", { ...valid, weekly: { mon: [] } }, ""],
    ["unknown day", { ...valid, weekly: { ...week, funday: [] } }, ""],
    ["impossible date", { ...valid, holidays: ["2026-02-30"] }, "does not exist"],
    ["repeated holiday", { ...valid, holidays: ["2026-12-25", "2026-12-25"] }, "repeat"],
    ["extra field", { ...valid, note: "x" }, ""],
  ])("refuses %s", (_what, input, message) => {
    const r = teamHoursSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join(" ")).toContain(message);
  });
});

describe("rangesFromText", () => {
  it.each([
    ["", []],
    ["9:00-17:00", [{ from: "09:00", to: "17:00" }]],
    [
      "09:00 - 12:00, 13:00-17:30",
      [
        { from: "09:00", to: "12:00" },
        { from: "13:00", to: "17:30" },
      ],
    ],
    ["22:00-02:00", [{ from: "22:00", to: "02:00" }]],
  ])("%j", (text, ranges) => {
    expect(rangesFromText(text)).toEqual({ ok: true, value: ranges });
    expect(rangesFromText(rangesToText(ranges))).toEqual({ ok: true, value: ranges });
  });
  it.each(["9-17", "09:00", "morning"])("refuses %j with a clear message", (text) => {
    expect(rangesFromText(text)).toEqual({ ok: false, error: `"${text}" is not a range such as 09:00-17:00` });
  });
  it("reads holidays", () => expect(holidaysFromText(" 2026-12-24,2026-12-25\n2027-01-01 ")).toEqual(["2026-12-24", "2026-12-25", "2027-01-01"]));
});
