import { describe, expect, it } from "vitest";
import { anonByKind, kinds, parseSmaps, regionGrowth, regions } from "./smaps";

const map = (range: string, perms: string, name: string, sizeKiB: number, anonKiB: number) =>
  `${range} ${perms} 00000000 00:00 0                                  ${name}\nSize:     ${sizeKiB} kB\nKernelPageSize: 4 kB\nRss:     ${anonKiB} kB\nAnonymous:   ${anonKiB} kB\nVmFlags: rd wr mr mw me ac\n`;

// A node process's shape: its binary, the brk heap, a glibc arena (64 MiB-aligned, in use then reserved),
// a thread stack with its guard page right after the arena, and V8 pages (a page then code, contiguous; a page apart).
const smaps = [
  map("00400000-00746000", "r--p", "/usr/bin/node", 3352, 0),
  map("1cbe0000-1ce2a000", "rw-p", "[heap]", 2344, 2200),
  map("7f0000000000-7f0000400000", "rw-p", "", 4096, 1024),
  map("7f0000400000-7f0004000000", "---p", "", 61440, 0),
  map("7f0004000000-7f0004001000", "---p", "", 4, 0),
  map("7f0004001000-7f0004800000", "rw-p", "", 8188, 64),
  map("7f2000000000-7f2000040000", "rw-p", "", 256, 256),
  map("7f2000040000-7f2000080000", "r-xp", "", 256, 128),
  map("7f3000000000-7f3000040000", "rw-p", "", 256, 200),
].join("");

describe("smaps", () => {
  it("parses each mapping's range, permissions, name and sizes", () => {
    const maps = parseSmaps(smaps);
    expect(maps).toHaveLength(9);
    expect(maps[1]).toEqual({ start: 0x1cbe0000, end: 0x1ce2a000, perms: "rw-p", name: "[heap]", sizeKiB: 2344, rssKiB: 2200, anonKiB: 2200 });
    expect(maps[2]!.name).toBe("");
  });

  it("tells glibc's arenas, thread stacks and executable memory from the rest, mapping by mapping", () => {
    expect(kinds(parseSmaps(smaps)).map((m) => m.kind)).toEqual([
      "file mappings",
      "glibc main arena",
      "glibc arenas",
      "other anonymous", // the arena's reserve: no pages
      "other anonymous", // the guard page
      "thread stacks",
      "other anonymous",
      "executable",
      "other anonymous",
    ]);
    expect(anonByKind(parseSmaps(smaps))).toEqual({
      "glibc main arena": 2200 / 1024,
      "glibc arenas": 1,
      "thread stacks": 64 / 1024,
      "main stack": 0,
      executable: 128 / 1024,
      "file mappings": 0,
      "other anonymous": 456 / 1024,
    });
  });

  it("puts address-contiguous anonymous mappings in one region, of its largest part's kind", () => {
    const rs = regions(parseSmaps(smaps));
    expect(rs.map((r) => [r.kind, r.sizeKiB, r.anonKiB])).toEqual([
      ["file mappings", 3352, 0],
      ["glibc main arena", 2344, 2200],
      ["glibc arenas", 65536 + 8192, 1024 + 64],
      ["other anonymous", 512, 384],
      ["other anonymous", 256, 200],
    ]);
    expect(rs[3]!.perms).toBe("rw-p 0.3 + r-xp 0.3");
  });

  it("finds the regions that grew, matching a region to those that started inside it before", () => {
    const before = regions(parseSmaps(smaps));
    const after = regions(
      parseSmaps(smaps.replace("7f3000000000-7f3000040000 rw-p", "7f2000080000-7f20000c0000 rw-p").replace("Anonymous:   200 kB", "Anonymous:   2248 kB")),
    );
    const [top] = regionGrowth(before, after, 1);
    expect(top).toMatchObject({ start: "7f2000000000", kind: "other anonymous", beforeMiB: 384 / 1024, afterMiB: (384 + 2248) / 1024 });
  });
});
