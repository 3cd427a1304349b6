import type { HeapInfo, HeapSpaceInfo } from "node:v8";

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

/**
 * The process's memory for a pass line (`ROUTER_LOG_PASSES`), so that a growing RSS can be told
 * apart (`npm run bench:router`, `bench/router-memory-ab.ts`): the JS heap in use (what survives
 * a collection is its low point), the heap V8 holds from the system, memory outside it and the
 * RSS; then V8's own view: the heap's pages that are resident ("physical": the heap's size counts
 * committed pages, touched or not), what V8 took with malloc (compiler zones, its tables), and
 * each space's resident pages (new, old, code, large objects...; empty spaces left out).
 */
export function memoryLine(m: NodeJS.MemoryUsage, v8: HeapInfo, spaces: HeapSpaceInfo[]): string {
  const usage = `heap ${mib(m.heapUsed)} MiB of ${mib(m.heapTotal)}, external ${mib(m.external)} MiB, rss ${mib(m.rss)} MiB, pid ${process.pid}`;
  const own = `v8 physical ${mib(v8.total_physical_size)} MiB, malloced ${mib(v8.malloced_memory)} (peak ${mib(v8.peak_malloced_memory)}), contexts ${v8.number_of_native_contexts} (detached ${v8.number_of_detached_contexts})`;
  const bySpace = spaces
    .filter((s) => s.physical_space_size > 0)
    .map((s) => `${s.space_name.replace(/_space$/, "")} ${mib(s.physical_space_size)}`)
    .join(", ");
  return `${usage}; ${own}; spaces ${bySpace}`;
}

/** A pass line's memory figures (MiB), as `memoryLine` wrote them; `spaces` is each space's resident pages. */
export type PassMemory = {
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
  pid: number;
  physical: number;
  malloced: number;
  spaces: Record<string, number>;
};

const LINE =
  /heap ([\d.]+) MiB of ([\d.]+), external ([\d.]+) MiB, rss ([\d.]+) MiB, pid (\d+); v8 physical ([\d.]+) MiB, malloced ([\d.]+)[^;]*; spaces ([^\n]*)/g;

/** Every pass line's memory figures in `text` (a router's log), in order. */
export function parsePassMemory(text: string): PassMemory[] {
  return [...text.matchAll(LINE)].map((m) => {
    const n = (i: number) => Number(m[i]);
    const spaces = Object.fromEntries(
      m[8]!
        .split(", ")
        .map((kv) => kv.split(" "))
        .filter((kv) => kv.length === 2)
        .map(([k, v]) => [k!, Number(v)]),
    );
    return { heapUsed: n(1), heapTotal: n(2), external: n(3), rss: n(4), pid: n(5), physical: n(6), malloced: n(7), spaces };
  });
}
