// Investigation aid for issue 14 item 3: where a running router's RSS grows with the
// conversations it handles, and which process setting stops it. Runs routers side by side on
// one stack (the same account: each syncs and reconciles every room, the database's row locks
// let one act), each with its own settings (ROUTER_VARIANTS, "name=ENV=value;ENV2=value|…"),
// and samples each one's pass lines (JS heap in use and held, external, RSS) after
// AB_FIRST, then AB_FIRST + AB_MORE handled conversations. Besides the router's own figures it
// samples each router's resident memory by kind (/proc: anonymous against file-backed), V8's view
// of its heap (resident pages by space, malloced; from the pass lines), its anonymous memory by
// mapping (smaps: glibc's arenas, thread stacks, the rest) and the regions that grew most, and, for the
// routers on glibc's malloc (no LD_PRELOAD), glibc's view of its heap through gdb (AB_MALLOC_INFO=0
// skips it): what it took from the system and holds free, then how much RSS malloc_trim(0) gives back.
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { startNodeVisitor } from "../e2e/support/node-visitor";
import { createTeamSite, testDb } from "../e2e/support/routing-fixtures";
import { parsePassMemory, type PassMemory } from "../bot/memory-line";
import { benchStack } from "./bench-stack";
import { seedClosed } from "./router-seed";
import { mallocInfo, mallocTrim, procMemory, type ProcMemory } from "./proc-memory";
import { anonByKind, regionGrowth, regions as regionsOf, smaps, type Mapping, type RegionKind } from "./smaps";
import { percentile } from "./stats";

const FIRST = Number(process.env.AB_FIRST ?? 20);
const MORE = Number(process.env.AB_MORE ?? 300);
const WINDOW_S = Number(process.env.AB_WINDOW_S ?? 20);
const MALLOC_INFO = process.env.AB_MALLOC_INFO !== "0";
const JEMALLOC = "LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2;MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0";
// ROUTER_VARIANTS="" runs the stack's router alone.
const VARIANTS = (process.env.ROUTER_VARIANTS ?? `jemalloc=${JEMALLOC}`)
  .split("|")
  .filter((v) => v.includes("="))
  .map((v) => {
    const [name, ...rest] = v.split("=");
    const env = Object.fromEntries(
      rest
        .join("=")
        .split(";")
        .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
    );
    return { name: name!, env };
  });

const bench = await benchStack("router-ab", {
  appEnv: { VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_POW_BITS: "8" },
  routerEnv: { ROUTER_CLOSED_GRACE_MS: "1000", ROUTER_LOG_PASSES: "true", ROUTER_TICK_MS: "1000" },
});
const { stack, info } = bench;
const { db, end } = testDb(info);
const routerLog = path.join(stack.logDir, "router.log");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Sample = {
  heapMin: number;
  heapTotal: number;
  physical: number;
  malloced: number;
  external: number;
  rss: number;
  anon: number;
  file: number;
  passes: number;
  spaces: Record<string, number>;
  anonByKind: Record<RegionKind, number>;
};
const p50 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
/** Each router's resident memory by kind, sampled each second until `stop`. */
async function procSamples(pids: number[], stop: number): Promise<Map<number, ProcMemory[]>> {
  const out = new Map(pids.map((pid) => [pid, [] as ProcMemory[]]));
  while (Date.now() < stop) {
    for (const pid of pids) out.get(pid)!.push(await procMemory(pid));
    await sleep(1000);
  }
  return out;
}
const round = (x: number) => Math.round(x * 10) / 10;
/** One router's figures over a window: its pass lines, its /proc samples, its mappings at the end. */
function sampleOf(ms: PassMemory[], kinds: ProcMemory[], maps: Mapping[]): Sample {
  const spaces = Object.fromEntries(Object.keys(ms.at(-1)!.spaces).map((k) => [k, p50(ms.map((m) => m.spaces[k] ?? 0))]));
  const byKind = Object.fromEntries(Object.entries(anonByKind(maps)).map(([k, v]) => [k, round(v)])) as Record<RegionKind, number>;
  return {
    heapMin: Math.min(...ms.map((m) => m.heapUsed)),
    heapTotal: p50(ms.map((m) => m.heapTotal)),
    physical: p50(ms.map((m) => m.physical)),
    malloced: p50(ms.map((m) => m.malloced)),
    external: p50(ms.map((m) => m.external)),
    rss: p50(ms.map((m) => m.rss)),
    anon: p50(kinds.map((k) => k.anon)),
    file: p50(kinds.map((k) => k.file)),
    passes: ms.length,
    spaces,
    anonByKind: byKind,
  };
}
/** Each router's pass lines and resident memory over the next WINDOW_S seconds, and its mappings (smaps) at the end. */
async function window(pids: number[]): Promise<{ samples: Map<number, Sample>; maps: Map<number, Mapping[]> }> {
  const from = (await readFile(routerLog, "utf8")).length;
  const proc = await procSamples(pids, Date.now() + WINDOW_S * 1000);
  const maps = new Map(await Promise.all(pids.map(async (pid) => [pid, await smaps(pid)] as const)));
  const lines = parsePassMemory((await readFile(routerLog, "utf8")).slice(from));
  const samples = new Map<number, Sample>();
  for (const pid of pids) {
    const ms = lines.filter((m) => m.pid === pid);
    if (ms.length > 0) samples.set(pid, sampleOf(ms, proc.get(pid) ?? [], maps.get(pid) ?? []));
  }
  return { samples, maps };
}

/** glibc's view of each router on its malloc (gdb; the routers stop a second or two each). */
async function glibcView(glibc: number[], names: Map<number, string>): Promise<void> {
  if (!MALLOC_INFO) return;
  for (const pid of glibc) {
    const info = await mallocInfo(pid);
    console.log(`  ${names.get(pid)} glibc malloc_info (MiB): ${info ? JSON.stringify(info) : "unavailable (gdb?)"}`);
  }
}

try {
  for (const v of VARIANTS) stack.startRouter(v.env);
  const names = new Map<number, string>();
  const pids = stack.routerPids();
  pids.forEach((pid, i) => names.set(pid, i === 0 ? "default" : VARIANTS[i - 1]!.name));
  const { siteId } = await createTeamSite(info, db, "ab");
  const seeders = await Promise.all(
    Array.from({ length: 8 }, () => startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, withCrypto: false })),
  );
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  const t0 = performance.now();
  await seedClosed(db, seeders, siteId, FIRST);
  // Routers whose malloc is glibc's: the default, and variants without LD_PRELOAD.
  const glibc = pids.filter((_, i) => i === 0 || !VARIANTS[i - 1]!.env.LD_PRELOAD);
  const { samples: a, maps: mapsA } = await window(pids);
  console.log(`after ${FIRST} (load ${load()}):`);
  for (const [pid, s] of a) console.log(`  ${names.get(pid)}: ${JSON.stringify(s)}`);
  await glibcView(glibc, names);
  await seedClosed(db, seeders, siteId, FIRST + MORE);
  console.log(`seeded ${MORE} more in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const { samples: b, maps: mapsB } = await window(pids);
  console.log(`after ${FIRST + MORE} (load ${load()}):`);
  for (const [pid, s] of b) {
    const x = a.get(pid);
    const d = (k: Exclude<keyof Sample, "spaces" | "anonByKind">) => (x ? `${(s[k] - x[k] >= 0 ? "+" : "") + (s[k] - x[k]).toFixed(1)}` : "?");
    console.log(
      `  ${names.get(pid)}: ${JSON.stringify(s)}; growth: rss ${d("rss")} MiB, anon ${d("anon")}, file ${d("file")}, heap held ${d("heapTotal")}, heap min ${d("heapMin")}, V8 resident ${d("physical")}, V8 malloced ${d("malloced")}, external ${d("external")}`,
    );
    // Where the anonymous memory grew: the regions of the address space that gained most.
    for (const g of regionGrowth(regionsOf(mapsA.get(pid) ?? []), regionsOf(mapsB.get(pid) ?? []), 6))
      console.log(`    ${g.kind} at ${g.start} (${g.sizeMiB.toFixed(1)} MiB: ${g.perms}): anonymous ${g.beforeMiB.toFixed(1)} -> ${g.afterMiB.toFixed(1)} MiB`);
  }
  await glibcView(glibc, names);
  if (MALLOC_INFO)
    for (const pid of glibc) {
      const before = await procMemory(pid);
      const ok = await mallocTrim(pid);
      await sleep(3000);
      const after = await procMemory(pid);
      console.log(
        `  ${names.get(pid)} malloc_trim(0)${ok ? "" : " FAILED"}: rss ${before.rss.toFixed(1)} -> ${after.rss.toFixed(1)} MiB, anon ${before.anon.toFixed(1)} -> ${after.anon.toFixed(1)}`,
      );
    }
  for (const v of seeders) v.stop();
} catch (e) {
  await bench.keepLogs();
  throw e;
} finally {
  // Once the stack was stopped, something (not found: no socket was left open) kept this process waiting,
  // holding the machine-wide lock: exit when cleanup is done, or after 60 s if it hangs.
  const hung = setTimeout(() => {
    console.error("cleanup still running after 60 s: exiting");
    process.exit(1);
  }, 60_000);
  await end();
  await bench.close();
  clearTimeout(hung);
}
process.exit(process.exitCode ?? 0);
