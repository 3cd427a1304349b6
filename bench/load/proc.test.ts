import { describe, expect, it } from "vitest";
import { cpuPercent, parsePssKb, parseRssKb, parseStat, subtree, sumGroup, type ProcStat } from "./proc";

// A real line's shape: 52 fields; comm with a space and a parenthesis.
const line = (pid: number, comm: string, ppid: number, ut: number, st: number, cut = 0, cst = 0): string =>
  `${pid} (${comm}) S ${ppid} 1 1 0 -1 4194560 100 0 0 0 ${ut} ${st} ${cut} ${cst} 20 0 4 0 123 1000 200 ` + "0 ".repeat(28).trim();

describe("parseStat", () => {
  it.each([
    ["plain", line(42, "node", 1, 150, 50, 7, 3), { pid: 42, ppid: 1, utime: 150, stime: 50, cutime: 7, cstime: 3 }],
    ["comm with spaces and a parenthesis", line(7, "python3 -m (syn) x", 42, 10, 5), { pid: 7, ppid: 42, utime: 10, stime: 5, cutime: 0, cstime: 0 }],
  ])("%s", (_, text, expected) => expect(parseStat(text)).toEqual(expected));

  it.each([[""], ["garbage"], ["12 (x) S"]])("refuses %j", (text) => expect(parseStat(text)).toBeNull());
});

describe("parseRssKb", () => {
  it.each([
    ["Name:\tnode\nVmPeak:\t  999 kB\nVmRSS:\t  123456 kB\n", 123456],
    ["Name:\tkthreadd\nState:\tS\n", null],
  ])("%j", (text, expected) => expect(parseRssKb(text)).toBe(expected));
});

describe("parsePssKb", () => {
  it.each([
    ["55f0-7ffd ---p 00000000 00:00 0 [rollup]\nRss:   4000 kB\nPss:   1234 kB\nPss_Anon: 1000 kB\n", 1234],
    ["", null],
  ])("%j", (text, expected) => expect(parsePssKb(text)).toBe(expected));
});

const stats: ProcStat[] = [
  { pid: 1, ppid: 0, utime: 1, stime: 1, cutime: 0, cstime: 0 },
  { pid: 10, ppid: 1, utime: 100, stime: 20, cutime: 30, cstime: 10 }, // e.g. the postmaster, 40 reaped
  { pid: 11, ppid: 10, utime: 5, stime: 5, cutime: 0, cstime: 0 },
  { pid: 12, ppid: 11, utime: 1, stime: 0, cutime: 0, cstime: 0 },
  { pid: 20, ppid: 1, utime: 9, stime: 9, cutime: 0, cstime: 0 },
];

describe("process groups", () => {
  it("finds a subtree, and nothing beside it", () => expect(subtree(10, stats).sort()).toEqual([10, 11, 12]));

  it("sums live descendants and the root's reaped children", () => {
    const rss = new Map([
      [10, 1000],
      [11, 200],
      [12, 30],
      [20, 5],
    ]);
    const pss = new Map([
      [10, 400],
      [11, 50],
    ]);
    expect(sumGroup(10, stats, rss, true, pss)).toEqual({ ticks: 120 + 40 + 10 + 1, rssKb: 1230, pssKb: 450 });
    expect(sumGroup(10, stats, rss, false)).toEqual({ ticks: 120, rssKb: 1000, pssKb: 0 });
    expect(sumGroup(99, stats, rss)).toEqual({ ticks: 0, rssKb: 0, pssKb: 0 });
  });

  it.each([
    [{ ticks: 0, rssKb: 0, pssKb: 0 }, { ticks: 500, rssKb: 0, pssKb: 0 }, 10, 50],
    [{ ticks: 100, rssKb: 0, pssKb: 0 }, { ticks: 2100, rssKb: 0, pssKb: 0 }, 10, 200],
  ])("cpu %% %j -> %j over %d s = %d", (a, b, s, pct) => expect(cpuPercent(a, b, s)).toBeCloseTo(pct));
});
