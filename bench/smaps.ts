// Where a process's anonymous memory lives, from /proc/<pid>/smaps (issue 14 item 3): /proc's
// RssAnon says how much, this says in which mappings, so that a growth can be put on glibc's
// arenas, thread stacks, executable memory (V8's code) or the rest (V8's heap pages and tables,
// glibc's large chunks), and the mappings that grew can be found by address between two readings.
import { readFile } from "node:fs/promises";

/** One mapping of /proc/<pid>/smaps: its address range (numbers: user addresses fit in 2^53), permissions, name and sizes in KiB. */
export type Mapping = { start: number; end: number; perms: string; name: string; sizeKiB: number; rssKiB: number; anonKiB: number };

/** Parses /proc/<pid>/smaps into its mappings (Size, Rss and Anonymous lines; the rest ignored). */
export function parseSmaps(text: string): Mapping[] {
  const maps: Mapping[] = [];
  for (const line of text.split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const [, start, end, perms, name] = head;
      maps.push({ start: parseInt(start!, 16), end: parseInt(end!, 16), perms: perms!, name: name!.trim(), sizeKiB: 0, rssKiB: 0, anonKiB: 0 });
      continue;
    }
    const field = /^(Size|Rss|Anonymous):\s+(\d+) kB/.exec(line);
    const last = maps.at(-1);
    if (field && last) last[field[1] === "Size" ? "sizeKiB" : field[1] === "Rss" ? "rssKiB" : "anonKiB"] = Number(field[2]);
  }
  return maps;
}

/** What a mapping is, as far as its shape tells (glibc's, V8's and the kernel's conventions on x86-64 Linux). */
export type RegionKind = "glibc main arena" | "glibc arenas" | "thread stacks" | "main stack" | "executable" | "file mappings" | "other anonymous";

/** Address-contiguous anonymous mappings (a reservation and the parts of it in use), or one file mapping; its kind is its largest part's. */
export type Region = { start: number; sizeKiB: number; anonKiB: number; kind: RegionKind; perms: string };

const ARENA = 64 * 2 ** 20; // glibc's HEAP_MAX_SIZE on 64 bits: each non-main arena is a 64 MiB-aligned 64 MiB mapping.
const anonymous = (m: Mapping) => m.name === "" || m.name.startsWith("[anon");

/** The kind of `maps[i]`, from it and its neighbours. */
function kindAt(maps: Mapping[], i: number): RegionKind {
  const m = maps[i]!;
  const [prev, next] = [maps[i - 1], maps[i + 1]];
  if (m.name === "[heap]") return "glibc main arena";
  if (m.name === "[stack]") return "main stack";
  if (!anonymous(m)) return "file mappings";
  // A non-main arena: in use from a 64 MiB boundary, the rest of its 64 MiB reserved without access.
  const reservedRest = next && next.start === m.end && next.perms.startsWith("---") && next.end === m.start + ARENA;
  if (m.start % ARENA === 0 && (m.end - m.start === ARENA || reservedRest)) return "glibc arenas";
  // A thread's stack: a 4 KiB guard page without access right below it (one mmap by glibc).
  if (prev && prev.end === m.start && prev.perms.startsWith("---") && prev.end - prev.start === 4096 && m.perms.startsWith("rw")) return "thread stacks";
  // V8's code range (JIT-compiled code) and Wasm code.
  if (m.perms[2] === "x") return "executable";
  return "other anonymous";
}

/** Each mapping with its kind. */
export function kinds(maps: Mapping[]): (Mapping & { kind: RegionKind })[] {
  return maps.map((m, i) => ({ ...m, kind: kindAt(maps, i) }));
}

/** Groups mappings into regions: runs of address-contiguous anonymous mappings; each named mapping alone. */
export function regions(maps: Mapping[]): Region[] {
  const runs: (Mapping & { kind: RegionKind })[][] = [];
  for (const m of kinds(maps)) {
    const run = runs.at(-1);
    const prev = run?.at(-1);
    if (run && prev && prev.end === m.start && anonymous(prev) && anonymous(m)) run.push(m);
    else runs.push([m]);
  }
  return runs.map((run) => {
    const sizes = new Map<string, number>();
    for (const m of run) sizes.set(m.perms, (sizes.get(m.perms) ?? 0) + m.sizeKiB);
    const perms = [...sizes].map(([p, kib]) => `${p} ${(kib / 1024).toFixed(1)}`).join(" + ");
    const kind = run.reduce((a, b) => (b.anonKiB > a.anonKiB ? b : a)).kind;
    return { start: run[0]!.start, sizeKiB: run.reduce((s, m) => s + m.sizeKiB, 0), anonKiB: run.reduce((s, m) => s + m.anonKiB, 0), kind, perms };
  });
}

/** Anonymous memory (MiB) by kind of mapping. */
export function anonByKind(maps: Mapping[]): Record<RegionKind, number> {
  const out: Record<RegionKind, number> = {
    "glibc main arena": 0,
    "glibc arenas": 0,
    "thread stacks": 0,
    "main stack": 0,
    executable: 0,
    "file mappings": 0,
    "other anonymous": 0,
  };
  for (const m of kinds(maps)) out[m.kind] += m.anonKiB / 1024;
  return out;
}

/** A region after, with the anonymous memory (MiB) that the regions starting inside its range held before. */
export type RegionGrowth = { start: string; sizeMiB: number; kind: RegionKind; perms: string; beforeMiB: number; afterMiB: number };

/** The `top` regions whose anonymous memory grew most between two readings (matched by address: regions merge and split). */
export function regionGrowth(before: Region[], after: Region[], top: number): RegionGrowth[] {
  return after
    .map((r) => {
      const end = r.start + r.sizeKiB * 1024;
      const was = before.filter((b) => b.start >= r.start && b.start < end).reduce((s, b) => s + b.anonKiB, 0);
      return { start: r.start.toString(16), sizeMiB: r.sizeKiB / 1024, kind: r.kind, perms: r.perms, beforeMiB: was / 1024, afterMiB: r.anonKiB / 1024 };
    })
    .sort((a, b) => b.afterMiB - b.beforeMiB - (a.afterMiB - a.beforeMiB))
    .slice(0, top);
}

/** The process's mappings now. */
export async function smaps(pid: number): Promise<Mapping[]> {
  return parseSmaps(await readFile(`/proc/${pid}/smaps`, "utf8"));
}
