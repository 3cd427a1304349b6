// `npm run bench:router`: does the router's cost follow open work, not history?
//
// The same open work (OPEN queued conversations whose visitors write now and then)
// measured with 0, then 500, then 2,000 closed conversations in the system (the
// levels are BENCH_CLOSED, e.g. "0,500,2000"). Each closed conversation is real: a
// visitor made the room, the router joined and recorded it, the visitor ended it,
// and after the grace the router left and forgot the room. At each level the bench
// samples, for MEASURE_S seconds, the router's RSS (/proc) and its pass durations
// (the router's ROUTER_LOG_PASSES lines), then restarts the router and times its
// start to the first pass (a restart reads the account's rooms from scratch) and its RSS for 20 s after.
// Prints each level's figures and their ratio to the first level (budget: ±10%). RSS is also
// split into anonymous memory (JS heap, malloc) and file-backed pages (the node binary's code,
// libraries: shared, and the kernel reclaims them), with V8's view (its heap's resident pages by
// space, what it malloced) and where the anonymous memory lies (/proc/<pid>/smaps: glibc's arenas,
// thread stacks, the rest: V8's pages and code, glibc's large chunks). BENCH_ROUTER_ENV ("ENV=value;ENV2=value")
// adds settings to the router (e.g. another malloc through LD_PRELOAD).
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { startNodeVisitor, type NodeVisitor } from "../e2e/support/node-visitor";
import { createTeamSite, eventually, testDb } from "../e2e/support/routing-fixtures";
import { parsePassMemory, type PassMemory } from "../bot/memory-line";
import { benchStack } from "./bench-stack";
import { mallocInfo, procCpuSeconds, procMemory } from "./proc-memory";
import { leftCount, sendOpaque, startWithMessage } from "./router-seed";
import { anonByKind, regions, smaps } from "./smaps";
import { percentile } from "./stats";

const LEVELS = (process.env.BENCH_CLOSED ?? "0,500,2000").split(",").map(Number);
const OPEN = 20;
const SEEDERS = 8;
const MEASURE_S = Number(process.env.BENCH_MEASURE_S ?? 60);
const ROUTER_ENV: Record<string, string> = Object.fromEntries(
  (process.env.BENCH_ROUTER_ENV ?? "")
    .split(";")
    .filter((kv) => kv.includes("="))
    .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
);

// A short grace so that seeding reaches "left" quickly; a pass at least every second, as in production.
const bench = await benchStack("router", {
  appEnv: { VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_POW_BITS: "8" },
  routerEnv: { ROUTER_CLOSED_GRACE_MS: "1000", ROUTER_LOG_PASSES: "true", ROUTER_TICK_MS: "1000", ...ROUTER_ENV },
});
const { stack, info } = bench;
const { db, end } = testDb(info);
const routerLog = path.join(stack.logDir, "router.log");

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** One conversation from start to "the router left": recorded, ended by the visitor, then left after the grace. */
async function closedConversation(v: NodeVisitor, siteId: string): Promise<void> {
  const roomId = await startWithMessage(v, siteId);
  await eventually(
    "the router records the conversation",
    async () => (await db.select().from(schema.conversations).where(eq(schema.conversations.roomId, roomId)))[0],
    60_000,
  );
  await v.end(roomId);
}

/** Brings the closed conversations the router has left on `siteId` up to `target`, SEEDERS visitors at a time. */
async function seedClosed(visitors: NodeVisitor[], siteId: string, target: number): Promise<number> {
  const t0 = performance.now();
  let todo = target - (await leftCount(db, siteId));
  await Promise.all(
    visitors.map(async (v) => {
      while (todo > 0) {
        todo--;
        await closedConversation(v, siteId);
      }
    }),
  );
  await eventually(`the router left ${target} closed conversations`, async () => ((await leftCount(db, siteId)) >= target ? true : undefined), 600_000);
  return (performance.now() - t0) / 1000;
}

/** Pass lines the router logged after byte `from` of its log: durations (ms), rooms held and memory figures (`bot/memory-line.ts`). */
async function passesSince(from: number): Promise<{ ms: number[]; rooms: number[]; memory: PassMemory[]; end: number }> {
  const text = (await readFile(routerLog, "utf8")).slice(from);
  const ms: number[] = [];
  const rooms: number[] = [];
  for (const m of text.matchAll(/pass ([\d.]+) ms, (\d+) rooms held/g)) {
    ms.push(Number(m[1]));
    rooms.push(Number(m[2]));
  }
  return { ms, rooms, memory: parsePassMemory(text), end: from + text.length };
}

/** MEASURE_S seconds of the open work: each open conversation's visitor writes every ~5 s; RSS sampled each second. */
async function measure(open: { v: NodeVisitor; roomId: string }[]) {
  const from = (await readFile(routerLog, "utf8")).length;
  const rss: number[] = [];
  const anon: number[] = [];
  const file: number[] = [];
  const stop = Date.now() + MEASURE_S * 1000;
  const [cpuPid] = stack.routerPids();
  const cpu0 = cpuPid === undefined ? NaN : await procCpuSeconds(cpuPid);
  const t0 = performance.now();
  let n = 0;
  const writers = open.map(async ({ v, roomId }, i) => {
    await sleep((i * 5000) / open.length);
    while (Date.now() < stop) {
      await sendOpaque(v, roomId, n++);
      await sleep(5000);
    }
  });
  while (Date.now() < stop) {
    const [pid] = stack.routerPids();
    if (pid !== undefined) {
      const m = await procMemory(pid);
      rss.push(m.rss);
      anon.push(m.anon);
      file.push(m.file);
    }
    await sleep(1000);
  }
  const cpuPct = cpuPid === undefined ? NaN : (((await procCpuSeconds(cpuPid)) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
  await Promise.all(writers);
  const passes = await passesSince(from);
  const [pid] = stack.routerPids();
  const maps = pid === undefined ? null : await smaps(pid);
  const sorted = [...passes.ms].sort((a, b) => a - b);
  return {
    rssMiB: median(rss),
    anonMiB: median(anon),
    fileMiB: median(file),
    passes: sorted.length,
    // The router's CPU over the window (user + system), % of one core.
    cpuPct,
    passP50: percentile(sorted, 50),
    passP95: percentile(sorted, 95),
    roomsHeld: passes.rooms.at(-1) ?? NaN,
    // The lowest heap seen over the window: about what survives garbage collection (RSS also counts garbage not yet collected).
    heapMinMiB: Math.min(...passes.memory.map((p) => p.heapUsed)),
    // What V8 holds from the system for its heap (used or not): RSS minus this is memory outside the JS heap.
    heapHeldMiB: median(passes.memory.map((p) => p.heapTotal)),
    // Of what it holds, the pages resident, and what V8 took with malloc (zones, tables): V8's own view of its share of RSS.
    v8PhysicalMiB: median(passes.memory.map((p) => p.physical)),
    v8MallocedMiB: median(passes.memory.map((p) => p.malloced)),
    spacesMiB: Object.fromEntries(Object.keys(passes.memory.at(-1)?.spaces ?? {}).map((k) => [k, median(passes.memory.map((p) => p.spaces[k] ?? 0))])),
    // Where the anonymous memory is at the window's end: glibc's arenas, thread stacks, the rest (V8's pages and code, large malloc chunks).
    anonByKindMiB: maps ? anonByKind(maps) : null,
    // The largest regions of the rest, to tell V8's heap pages (256 KiB each) from bigger mappings.
    largestOther: (maps ? regions(maps) : [])
      .filter((r) => r.kind === "other anonymous")
      .sort((a, b) => b.anonKiB - a.anonKiB)
      .slice(0, 4)
      .map((r) => `${(r.anonKiB / 1024).toFixed(1)} MiB at ${r.start.toString(16)} (${r.perms})`),
  };
}

/** The router's RSS and its anonymous part (median MiB) over `seconds`, sampled each second. */
async function rssOver(seconds: number): Promise<{ rss: number; anon: number }> {
  const rss: number[] = [];
  const anon: number[] = [];
  for (let i = 0; i < seconds; i++) {
    const [pid] = stack.routerPids();
    if (pid !== undefined) {
      const m = await procMemory(pid);
      rss.push(m.rss);
      anon.push(m.anon);
    }
    await sleep(1000);
  }
  return { rss: median(rss), anon: median(anon) };
}

/** Restarts the router and times its start until its first pass is logged. */
async function restartMs(): Promise<number> {
  await stack.stopRouter();
  const from = (await readFile(routerLog, "utf8")).length;
  const t0 = performance.now();
  stack.startRouter();
  await eventually("the restarted router's first pass", async () => ((await passesSince(from)).ms.length > 0 ? true : undefined), 300_000);
  return performance.now() - t0;
}

try {
  const { siteId } = await createTeamSite(info, db, "slope");
  const visitor = () => startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, withCrypto: false });
  const seeders = await Promise.all(Array.from({ length: SEEDERS }, visitor));
  const open: { v: NodeVisitor; roomId: string }[] = [];
  for (let i = 0; i < OPEN; i++) {
    const v = await visitor();
    open.push({ v, roomId: await startWithMessage(v, siteId) });
  }
  console.log(
    `Router cost against history: ${OPEN} open conversations (queued; each visitor sends an m.room.encrypted event of a message's size every 5 s, without Olm), ${MEASURE_S} s per level`,
  );
  console.log(`router settings added: ${JSON.stringify(ROUTER_ENV)}; levels of closed conversations the router has left: ${LEVELS.join(", ")}\n`);
  const rows: (Awaited<ReturnType<typeof measure>> & {
    closed: number;
    restartMs: number;
    restartedRss: number;
    restartedAnon: number;
    load: string;
  })[] = [];
  for (const level of LEVELS) {
    const seedS = await seedClosed(seeders, siteId, level);
    const m = await measure(open);
    // glibc's view of the running router's malloc heap (gdb stops it a second or two, after the window); not under another malloc.
    const [pid] = stack.routerPids();
    const glibc = pid !== undefined && !ROUTER_ENV.LD_PRELOAD && process.env.BENCH_MALLOC_INFO !== "0" ? await mallocInfo(pid) : null;
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
    const restart = await restartMs();
    // A fresh router with this history: what a year of history costs apart from uptime.
    const restarted = await rssOver(20);
    rows.push({ closed: level, ...m, restartMs: restart, restartedRss: restarted.rss, restartedAnon: restarted.anon, load });
    console.log(`closed=${level} glibc malloc_info (MiB): ${JSON.stringify(glibc)}`);
    const kinds = Object.entries(m.anonByKindMiB ?? {}).map(([k, v]) => `${k} ${v.toFixed(1)}`);
    const spaces = Object.entries(m.spacesMiB).map(([k, v]) => `${k} ${v.toFixed(1)}`);
    console.log(
      `closed=${level} router CPU ${m.cpuPct.toFixed(1)}% of a core; V8 resident ${m.v8PhysicalMiB.toFixed(1)} MiB (by space: ${spaces.join(", ")}), V8 malloced ${m.v8MallocedMiB.toFixed(1)} MiB; anonymous by mapping (MiB): ${kinds.join(", ")}; largest other regions: ${m.largestOther.join(", ")}`,
    );
    console.log(
      `closed=${level} (seeded in ${seedS.toFixed(0)} s): router RSS p50 ${m.rssMiB.toFixed(1)} MiB (anonymous ${m.anonMiB.toFixed(1)}, file ${m.fileMiB.toFixed(1)}); pass p50 ${m.passP50.toFixed(1)} ms p95 ${m.passP95.toFixed(1)} ms over ${m.passes} passes; rooms held ${m.roomsHeld}; JS heap min ${m.heapMinMiB.toFixed(1)} MiB (V8 holds ${m.heapHeldMiB.toFixed(1)}); restart to first pass ${restart.toFixed(0)} ms, then RSS ${restarted.rss.toFixed(1)} MiB (anonymous ${restarted.anon.toFixed(1)}); load ${load}`,
    );
  }
  const base = rows[0];
  if (base) {
    console.log(`\nRatio to closed=${base.closed} (budget: RSS and pass time within ±10%):`);
    for (const r of rows.slice(1)) {
      const pct = (x: number, y: number) => `${x / y >= 1 ? "+" : ""}${((x / y - 1) * 100).toFixed(1)}%`;
      console.log(
        `closed=${r.closed}: RSS ${pct(r.rssMiB, base.rssMiB)} (anonymous ${pct(r.anonMiB, base.anonMiB)}, file ${pct(r.fileMiB, base.fileMiB)}), JS heap min ${pct(r.heapMinMiB, base.heapMinMiB)}, heap V8 holds ${pct(r.heapHeldMiB, base.heapHeldMiB)}, V8 resident ${pct(r.v8PhysicalMiB, base.v8PhysicalMiB)}, pass p50 ${pct(r.passP50, base.passP50)}, pass p95 ${pct(r.passP95, base.passP95)}, restart ${pct(r.restartMs, base.restartMs)}, RSS after restart ${pct(r.restartedRss, base.restartedRss)} (anonymous ${pct(r.restartedAnon, base.restartedAnon)}), rooms held ${r.roomsHeld} vs ${base.roomsHeld}`,
      );
    }
  }
  for (const v of [...seeders, ...open.map((o) => o.v)]) v.stop();
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
