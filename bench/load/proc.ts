// CPU and memory of the stack's processes, from Linux's /proc (no extra tools).
import { readdir, readFile } from "node:fs/promises";

/** The fields of /proc/<pid>/stat we use: parent, and CPU ticks of the process and of its waited-for children. */
export type ProcStat = { pid: number; ppid: number; utime: number; stime: number; cutime: number; cstime: number };

/**
 * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may hold
 * spaces or parentheses itself, so the fields are counted from the last ")".
 */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  // After ")": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
  const f = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const at = (field: number): number => Number(f[field - 3]);
  const stat = { pid, ppid: at(4), utime: at(14), stime: at(15), cutime: at(16), cstime: at(17) };
  return Object.values(stat).every(Number.isFinite) ? stat : null;
}

/** Resident memory (kB) from /proc/<pid>/status, or null when absent (a kernel thread, a zombie). */
export function parseRssKb(status: string): number | null {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) : null;
}

/**
 * Proportional memory (kB) from /proc/<pid>/smaps_rollup: shared pages divided among the
 * processes sharing them, so a group's sum is not inflated (PostgreSQL's backends all map
 * its shared buffers, and RSS counts them in every one).
 */
export function parsePssKb(smapsRollup: string): number | null {
  const m = /^Pss:\s+(\d+) kB/m.exec(smapsRollup);
  return m ? Number(m[1]) : null;
}

/** A process and all its descendants, given every process's parent. */
export function subtree(root: number, stats: readonly ProcStat[]): number[] {
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    if (out.includes(pid)) continue;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** A group's CPU ticks, RSS and PSS at one instant. */
export type GroupSample = { ticks: number; rssKb: number; pssKb: number };

/**
 * Sums a group: each live process's own ticks and RSS, plus the root's cutime/cstime
 * (children it already reaped, e.g. PostgreSQL's ended backends). `withChildren`
 * false counts the root alone (the load generator, whose children are the stack).
 */
export function sumGroup(
  root: number,
  stats: readonly ProcStat[],
  rss: ReadonlyMap<number, number>,
  withChildren = true,
  pss: ReadonlyMap<number, number> = new Map(),
): GroupSample {
  const pids = withChildren ? subtree(root, stats) : [root];
  let ticks = 0;
  let rssKb = 0;
  let pssKb = 0;
  for (const pid of pids) {
    const s = stats.find((x) => x.pid === pid);
    if (!s) continue;
    ticks += s.utime + s.stime + (pid === root && withChildren ? s.cutime + s.cstime : 0);
    rssKb += rss.get(pid) ?? 0;
    pssKb += pss.get(pid) ?? 0;
  }
  return { ticks, rssKb, pssKb };
}

/** CPU use between two samples in % of one core (Linux counts 100 ticks a second). */
export function cpuPercent(before: GroupSample, after: GroupSample, seconds: number, ticksPerSecond = 100): number {
  return seconds > 0 ? ((after.ticks - before.ticks) / ticksPerSecond / seconds) * 100 : NaN;
}

/** Every process's stat, RSS and PSS right now. */
export async function readAllProcs(): Promise<{ stats: ProcStat[]; rss: Map<number, number>; pss: Map<number, number>; cmdline: Map<number, string> }> {
  const stats: ProcStat[] = [];
  const rss = new Map<number, number>();
  const pss = new Map<number, number>();
  const cmdline = new Map<number, string>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const [stat, status, cmd, rollup] = await Promise.all(
      ["stat", "status", "cmdline", "smaps_rollup"].map((f) => readFile(`/proc/${name}/${f}`, "utf8").catch(() => "")),
    );
    const s = parseStat(stat ?? "");
    if (!s) continue;
    stats.push(s);
    rss.set(s.pid, parseRssKb(status ?? "") ?? 0);
    pss.set(s.pid, parsePssKb(rollup ?? "") ?? 0);
    cmdline.set(s.pid, (cmd ?? "").replace(/\0/g, " ").trim());
  }
  return { stats, rss, pss, cmdline };
}
