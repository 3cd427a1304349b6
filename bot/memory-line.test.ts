import { describe, expect, it } from "vitest";
import type { HeapInfo, HeapSpaceInfo } from "node:v8";
import { memoryLine, parsePassMemory } from "./memory-line";

const M = 2 ** 20;
const usage = { heapUsed: 40 * M, heapTotal: 55 * M, external: 3 * M, rss: 150 * M, arrayBuffers: 0 };
const v8 = {
  total_physical_size: 52.5 * M,
  malloced_memory: 1.25 * M,
  peak_malloced_memory: 9 * M,
  number_of_native_contexts: 1,
  number_of_detached_contexts: 0,
} as HeapInfo;
const space = (space_name: string, mib: number) => ({ space_name, physical_space_size: mib * M }) as HeapSpaceInfo;

describe("memoryLine and parsePassMemory", () => {
  it("reads back what the router logs, with the spaces that hold pages", () => {
    const line = memoryLine(usage, v8, [space("new_space", 2), space("old_space", 38.5), space("shared_space", 0), space("code_large_object_space", 0.3)]);
    expect(line).toContain(`rss 150.0 MiB, pid ${process.pid}; v8 physical 52.5 MiB`);
    expect(parsePassMemory(`router: pass 7.1 ms, 21 rooms held, ${line}\nrouter: pass 6.0 ms`)).toEqual([
      {
        heapUsed: 40,
        heapTotal: 55,
        external: 3,
        rss: 150,
        pid: process.pid,
        physical: 52.5,
        malloced: 1.3,
        spaces: { new: 2, old: 38.5, code_large_object: 0.3 },
      },
    ]);
  });

  it("skips lines of a router from before the V8 figures", () => {
    expect(parsePassMemory("pass 7.1 ms, 21 rooms held, heap 40.0 MiB of 55.0, external 3.0 MiB, rss 150.0 MiB, pid 7\n")).toEqual([]);
  });
});
