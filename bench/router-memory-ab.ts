// Investigation aid for issue 14 item 3: where a running router's RSS grows with the
// conversations it handles, and which process setting stops it. Runs routers side by side on
// one stack (the same account: each syncs and reconciles every room, the database's row locks
// let one act), each with its own settings (ROUTER_VARIANTS, "name=ENV=value;ENV2=value|…"),
// and samples each one's pass lines (JS heap in use and held, external, RSS) after
// AB_FIRST, then AB_FIRST + AB_MORE handled conversations.
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { startNodeVisitor } from "../e2e/support/node-visitor";
import { createTeamSite, testDb } from "../e2e/support/routing-fixtures";
import { benchStack } from "./bench-stack";
import { seedClosed } from "./router-seed";
import { percentile } from "./stats";

const FIRST = Number(process.env.AB_FIRST ?? 20);
const MORE = Number(process.env.AB_MORE ?? 300);
const WINDOW_S = Number(process.env.AB_WINDOW_S ?? 20);
const VARIANTS = (process.env.ROUTER_VARIANTS ?? "semi2=NODE_OPTIONS=--max-semi-space-size=2|arena2=MALLOC_ARENA_MAX=2").split("|").map((v) => {
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

type Sample = { heapMin: number; heapTotal: number; external: number; rss: number; passes: number };
/** Each router's pass lines over the next WINDOW_S seconds. */
async function window(): Promise<Map<number, Sample>> {
  const from = (await readFile(routerLog, "utf8")).length;
  await sleep(WINDOW_S * 1000);
  const text = (await readFile(routerLog, "utf8")).slice(from);
  const by = new Map<number, { heap: number[]; total: number[]; ext: number[]; rss: number[] }>();
  for (const m of text.matchAll(/heap ([\d.]+) MiB of ([\d.]+), external ([\d.]+) MiB, rss ([\d.]+) MiB, pid (\d+)/g)) {
    const pid = Number(m[5]);
    const s = by.get(pid) ?? { heap: [], total: [], ext: [], rss: [] };
    s.heap.push(Number(m[1]));
    s.total.push(Number(m[2]));
    s.ext.push(Number(m[3]));
    s.rss.push(Number(m[4]));
    by.set(pid, s);
  }
  const p50 = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  return new Map(
    [...by].map(([pid, s]) => [pid, { heapMin: Math.min(...s.heap), heapTotal: p50(s.total), external: p50(s.ext), rss: p50(s.rss), passes: s.heap.length }]),
  );
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
  const a = await window();
  console.log(`after ${FIRST} (load ${load()}):`);
  for (const [pid, s] of a) console.log(`  ${names.get(pid)}: ${JSON.stringify(s)}`);
  await seedClosed(db, seeders, siteId, FIRST + MORE);
  console.log(`seeded ${MORE} more in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const b = await window();
  console.log(`after ${FIRST + MORE} (load ${load()}):`);
  for (const [pid, s] of b) {
    const x = a.get(pid);
    const d = (k: keyof Sample) => (x ? `${(s[k] - x[k] >= 0 ? "+" : "") + (s[k] - x[k]).toFixed(1)}` : "?");
    console.log(
      `  ${names.get(pid)}: ${JSON.stringify(s)}; growth: rss ${d("rss")} MiB, heap held ${d("heapTotal")}, heap min ${d("heapMin")}, external ${d("external")}`,
    );
  }
  for (const v of seeders) v.stop();
} finally {
  await end();
  await bench.close();
}
