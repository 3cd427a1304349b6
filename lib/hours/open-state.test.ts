import { describe, expect, it } from "vitest";
import { isOpenAt, openState } from "./open-state";
import type { HoursRange, TeamHours, Weekday } from "./team-hours";

const nineToFive: HoursRange[] = [{ from: "09:00", to: "17:00" }];
const none = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
const weekdays = (ranges: HoursRange[]) => ({ ...none, mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });
const everyDay = (ranges: HoursRange[]) => ({ ...weekdays(ranges), sat: ranges, sun: ranges });
const hours = (timeZone: string, weekly: Record<Weekday, HoursRange[]>, holidays: string[] = []): TeamHours => ({ timeZone, weekly, holidays });

const berlinOffice = hours("Europe/Berlin", weekdays(nineToFive));

// [what, hours, instant (UTC), open, next opening (UTC) when closed]
const cases: [string, TeamHours | null, string, boolean, string | null][] = [
  ["no hours: always open", null, "2026-12-06T03:00:00Z", true, null],
  // 2026-12-07 is a Monday; Berlin is UTC+1 in winter.
  ["a minute before opening", berlinOffice, "2026-12-07T07:59:00Z", false, "2026-12-07T08:00:00Z"],
  ["at opening", berlinOffice, "2026-12-07T08:00:00Z", true, null],
  ["a second before closing", berlinOffice, "2026-12-07T15:59:59Z", true, null],
  ["at closing: next morning", berlinOffice, "2026-12-07T16:00:00Z", false, "2026-12-08T08:00:00Z"],
  ["Friday evening: Monday morning", berlinOffice, "2026-12-11T18:00:00Z", false, "2026-12-14T08:00:00Z"],
  ["Sunday", berlinOffice, "2026-12-06T12:00:00Z", false, "2026-12-07T08:00:00Z"],
  [
    "lunch break between two ranges",
    hours(
      "Europe/Berlin",
      weekdays([
        { from: "09:00", to: "12:00" },
        { from: "13:00", to: "17:00" },
      ]),
    ),
    "2026-12-07T11:30:00Z",
    false,
    "2026-12-07T12:00:00Z",
  ],
  [
    "ranges listed out of order",
    hours(
      "Europe/Berlin",
      weekdays([
        { from: "13:00", to: "17:00" },
        { from: "09:00", to: "12:00" },
      ]),
    ),
    "2026-12-07T06:00:00Z",
    false,
    "2026-12-07T08:00:00Z",
  ],
  // Friday 22:00 to Saturday 02:00 (Berlin).
  ["across midnight: after midnight", hours("Europe/Berlin", { ...none, fri: [{ from: "22:00", to: "02:00" }] }), "2026-12-12T00:30:00Z", true, null],
  [
    "across midnight: before start",
    hours("Europe/Berlin", { ...none, fri: [{ from: "22:00", to: "02:00" }] }),
    "2026-12-11T20:59:00Z",
    false,
    "2026-12-11T21:00:00Z",
  ],
  [
    "across midnight: after end",
    hours("Europe/Berlin", { ...none, fri: [{ from: "22:00", to: "02:00" }] }),
    "2026-12-12T01:00:00Z",
    false,
    "2026-12-18T21:00:00Z",
  ],
  ["until 24:00", hours("UTC", everyDay([{ from: "20:00", to: "24:00" }])), "2026-12-07T23:59:59Z", true, null],
  ["00:00-24:00 every day", hours("UTC", everyDay([{ from: "00:00", to: "24:00" }])), "2026-12-07T00:00:00Z", true, null],
  // 2026-12-24 Thu, 12-25 Fri holidays: Wednesday evening -> Monday 28th.
  ["holidays skipped", hours("Europe/Berlin", weekdays(nineToFive), ["2026-12-24", "2026-12-25"]), "2026-12-23T17:00:00Z", false, "2026-12-28T08:00:00Z"],
  ["on a holiday", hours("Europe/Berlin", weekdays(nineToFive), ["2026-12-24"]), "2026-12-24T10:00:00Z", false, "2026-12-25T08:00:00Z"],
  [
    "a holiday does not cut the night range that started the day before",
    hours("Europe/Berlin", { ...none, thu: [{ from: "22:00", to: "02:00" }] }, ["2026-12-25"]),
    "2026-12-25T00:30:00Z",
    true,
    null,
  ],
  ["no ranges at all: closed, no opening", hours("Europe/Berlin", none), "2026-12-07T10:00:00Z", false, null],
  ["every day a holiday for over a year", hours("UTC", everyDay(nineToFive), allDates("2026-12-07", 420)), "2026-12-07T10:00:00Z", false, null],
  // Clocks go forward in Berlin on Sunday 2026-03-29 (02:00 CET -> 03:00 CEST).
  ["DST forward: opening is in summer time", hours("Europe/Berlin", everyDay(nineToFive)), "2026-03-28T17:00:00Z", false, "2026-03-29T07:00:00Z"],
  ["DST forward: open at 09:00 summer time", hours("Europe/Berlin", everyDay(nineToFive)), "2026-03-29T07:00:00Z", true, null],
  [
    "DST forward: still closed at 09:00 winter time's instant minus an hour",
    hours("Europe/Berlin", everyDay(nineToFive)),
    "2026-03-29T06:59:00Z",
    false,
    "2026-03-29T07:00:00Z",
  ],
  [
    "DST forward: an opening in the skipped hour moves forward",
    hours("Europe/Berlin", { ...none, sun: [{ from: "02:30", to: "06:00" }] }),
    "2026-03-28T12:00:00Z",
    false,
    "2026-03-29T01:30:00Z",
  ],
  // Clocks go back in Berlin on Sunday 2026-10-25 (03:00 CEST -> 02:00 CET).
  ["DST back: opening is in winter time", hours("Europe/Berlin", everyDay(nineToFive)), "2026-10-24T16:00:00Z", false, "2026-10-25T08:00:00Z"],
  [
    "DST back: a repeated hour opens at its first occurrence",
    hours("Europe/Berlin", { ...none, sun: [{ from: "02:30", to: "06:00" }] }),
    "2026-10-24T12:00:00Z",
    false,
    "2026-10-25T00:30:00Z",
  ],
  // New York goes forward on 2026-03-08 (EST -> EDT).
  ["New York across DST", hours("America/New_York", weekdays(nineToFive)), "2026-03-06T23:00:00Z", false, "2026-03-09T13:00:00Z"],
  ["New York before DST", hours("America/New_York", weekdays(nineToFive)), "2026-03-05T23:00:00Z", false, "2026-03-06T14:00:00Z"],
  // Sydney goes forward on 2026-10-04 (AEST +10 -> AEDT +11).
  ["southern hemisphere DST", hours("Australia/Sydney", everyDay(nineToFive)), "2026-10-03T08:00:00Z", false, "2026-10-03T22:00:00Z"],
  ["half-hour offset", hours("Asia/Kolkata", weekdays(nineToFive)), "2026-12-07T03:29:00Z", false, "2026-12-07T03:30:00Z"],
  ["far east: the team's Monday is our Sunday", hours("Pacific/Auckland", weekdays(nineToFive)), "2026-12-06T20:00:00Z", true, null],
];

function allDates(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
}

describe("openState", () => {
  it.each(cases)("%s", (_what, h, at, open, opensAt) => {
    const state = openState(h, new Date(at));
    expect(state.open).toBe(open);
    expect(isOpenAt(h, new Date(at))).toBe(open);
    if (!state.open) expect(state.opensAt?.toISOString() ?? null).toBe(opensAt === null ? null : new Date(opensAt).toISOString());
  });
});
