import { describe, expect, it } from "vitest";
import { readWidgetStatus, statusAttributes, type WidgetStatus } from "../widget-protocol/widget-status";
import { decideWidgetStatus, expectedReplySeconds, roundReplyMinutes, type ReplySample } from "./decide-widget-status";
import type { TeamHours } from "./team-hours";

const none = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
const mondays: TeamHours = { timeZone: "UTC", weekly: { ...none, mon: [{ from: "09:00", to: "17:00" }] }, holidays: [] };
const monday10 = new Date("2026-12-07T10:00:00Z");
const sunday = new Date("2026-12-06T10:00:00Z");

describe("decideWidgetStatus", () => {
  it.each<[string, Parameters<typeof decideWidgetStatus>[0], WidgetStatus]>([
    ["no hours, a free agent: online", { hours: null, now: sunday, agentsFree: 1, replySeconds: 90 }, { state: "online" }],
    [
      "open, nobody free: busy with the usual wait",
      { hours: mondays, now: monday10, agentsFree: 0, replySeconds: 7 * 60 + 5 },
      { state: "busy", replyMinutes: 8 },
    ],
    [
      "open, nobody free, no figures: busy without a time",
      { hours: mondays, now: monday10, agentsFree: 0, replySeconds: null },
      { state: "busy", replyMinutes: null },
    ],
    [
      "closed even with a free agent",
      { hours: mondays, now: sunday, agentsFree: 3, replySeconds: 60 },
      { state: "closed", opensAt: "2026-12-07T09:00:00.000Z" },
    ],
    [
      "closed with no opening set",
      { hours: { ...mondays, weekly: none }, now: monday10, agentsFree: 0, replySeconds: null },
      { state: "closed", opensAt: null },
    ],
  ])("%s", (_what, input, expected) => expect(decideWidgetStatus(input)).toEqual(expected));
});

describe("roundReplyMinutes", () => {
  it.each([
    [0, 1],
    [20, 1],
    [61, 2],
    [600, 10],
    [601, 15],
    [44 * 60, 45],
    [3600, 60],
    [95 * 60, 120],
    [5 * 3600 + 60, 300],
  ])("%d s -> %d min", (s, m) => expect(roundReplyMinutes(s)).toBe(m));
});

describe("expectedReplySeconds", () => {
  const at = (iso: string, afterSeconds: number | null): ReplySample => ({
    createdAt: new Date(iso),
    firstReplyAt: afterSeconds === null ? null : new Date(Date.parse(iso) + afterSeconds * 1000),
  });
  it.each<[string, ReplySample[], TeamHours | null, number | null]>([
    ["median of an odd count", [at("2026-12-07T10:00:00Z", 60), at("2026-12-07T10:00:00Z", 300), at("2026-12-07T10:00:00Z", 120)], null, 120],
    [
      "median of an even count",
      [at("2026-12-07T10:00:00Z", 60), at("2026-12-07T10:00:00Z", 100), at("2026-12-07T10:00:00Z", 200), at("2026-12-07T10:00:00Z", 900)],
      null,
      150,
    ],
    ["unreplied ones do not count", [at("2026-12-07T10:00:00Z", 60), at("2026-12-07T10:00:00Z", null), at("2026-12-07T10:00:00Z", 120)], null, null],
    [
      "questions left outside hours do not count",
      [at("2026-12-07T10:00:00Z", 60), at("2026-12-07T11:00:00Z", 60), at("2026-12-06T20:00:00Z", 13 * 3600), at("2026-12-07T12:00:00Z", 120)],
      mondays,
      60,
    ],
    ["too few", [at("2026-12-07T10:00:00Z", 60)], null, null],
  ])("%s", (_what, samples, hours, expected) => expect(expectedReplySeconds(samples, hours)).toBe(expected));
});

describe("status attributes round trip", () => {
  it.each<WidgetStatus>([
    { state: "online" },
    { state: "busy", replyMinutes: 5 },
    { state: "busy", replyMinutes: null },
    { state: "closed", opensAt: "2026-12-07T09:00:00.000Z" },
    { state: "closed", opensAt: null },
  ])("%j", (status) => {
    const attrs = statusAttributes(status);
    const dataset = { status: attrs["data-status"], replyMinutes: attrs["data-reply-minutes"], opensAt: attrs["data-opens-at"] };
    expect(readWidgetStatus(dataset)).toEqual(status);
  });
  it("hidden: no attributes, nothing read", () => {
    expect(statusAttributes(null)).toEqual({});
    expect(readWidgetStatus({})).toBeNull();
  });
  it.each([
    [{ status: "sleeping" }, null],
    [
      { status: "busy", replyMinutes: "-3" },
      { state: "busy", replyMinutes: null },
    ],
    [
      { status: "busy", replyMinutes: "2.5" },
      { state: "busy", replyMinutes: null },
    ],
    [
      { status: "closed", opensAt: "tomorrow" },
      { state: "closed", opensAt: null },
    ],
  ])("malformed %j", (dataset, expected) => expect(readWidgetStatus(dataset)).toEqual(expected));
});
