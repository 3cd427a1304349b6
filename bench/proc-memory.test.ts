import { describe, expect, it } from "vitest";
import { parseMallocInfo, parseProcStatCpu, parseProcStatus } from "./proc-memory";

describe("parseProcStatus", () => {
  it.each([
    {
      name: "a router's status",
      text: "Name:\tnode\nVmRSS:\t  163840 kB\nRssAnon:\t  122880 kB\nRssFile:\t   40960 kB\nRssShmem:\t       0 kB\n",
      want: { rss: 160, anon: 120, file: 40, shmem: 0 },
    },
    { name: "a process that has exited (no lines)", text: "Name:\tnode\n", want: { rss: NaN, anon: NaN, file: NaN, shmem: NaN } },
  ])("$name", ({ text, want }) => {
    expect(parseProcStatus(text)).toEqual(want);
  });
});

describe("parseMallocInfo", () => {
  const heap = (nr: number, rest: number) =>
    `<heap nr="${nr}">\n<sizes>\n</sizes>\n<total type="fast" count="0" size="0"/>\n<total type="rest" count="1" size="${rest}"/>\n<system type="current" size="2097152"/>\n</heap>\n`;
  it.each([
    {
      name: "totals after the arenas, not the last arena's",
      xml: `<malloc version="1">\n${heap(0, 1)}${heap(1, 2)}<total type="fast" count="3" size="1048576"/>\n<total type="rest" count="12" size="2097152"/>\n<total type="mmap" count="1" size="4194304"/>\n<system type="current" size="8388608"/>\n</malloc>`,
      want: { systemMiB: 8, freeMiB: 3, mmapMiB: 4, arenas: 2 },
    },
  ])("$name", ({ xml, want }) => {
    expect(parseMallocInfo(xml)).toEqual(want);
  });
});

describe("parseProcStatCpu", () => {
  it("adds utime and stime (fields 14 and 15), whatever spaces the command name holds", () => {
    const stat = "4242 (node (router) x) S 1 4242 4242 0 -1 4194304 126 0 0 0 1234 56 0 0 20 0 11 0 274382 3133440 358";
    expect(parseProcStatCpu(stat)).toBeCloseTo(12.9);
  });
});
