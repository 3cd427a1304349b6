// Investigation aid for issue 14 item 3: heap snapshots of the running router after
// HEAP_FIRST, then HEAP_FIRST + HEAP_MORE handled (closed and left) conversations, for
// `bench/heap-diff.ts`. Snapshots go to HEAP_DIR (default /tmp/router-heap).
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { startNodeVisitor } from "../e2e/support/node-visitor";
import { createTeamSite, testDb } from "../e2e/support/routing-fixtures";
import { benchStack } from "./bench-stack";
import { seedClosed } from "./router-seed";

const FIRST = Number(process.env.HEAP_FIRST ?? 20);
const MORE = Number(process.env.HEAP_MORE ?? 150);
const DIR = process.env.HEAP_DIR ?? "/tmp/router-heap";
const SEEDERS = 8;
await mkdir(DIR, { recursive: true });

const bench = await benchStack("router-heap", {
  appEnv: { VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_POW_BITS: "8" },
  routerEnv: {
    ROUTER_CLOSED_GRACE_MS: "1000",
    ROUTER_LOG_PASSES: "true",
    ROUTER_TICK_MS: "1000",
    NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${DIR}`,
  },
});
const { stack, info } = bench;
const { db, end } = testDb(info);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function snapshot(label: string): Promise<void> {
  await sleep(5000); // a few passes after the last leave
  const before = new Set(await readdir(DIR));
  const [pid] = stack.routerPids();
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  process.kill(pid!, "SIGUSR2");
  for (;;) {
    await sleep(1000);
    const added = (await readdir(DIR)).filter((f) => !before.has(f) && f.endsWith(".heapsnapshot"));
    // Written when the size stops changing.
    if (added.length > 0) {
      const file = path.join(DIR, added[0]!);
      let size = -1;
      for (let same = 0; same < 3;) {
        await sleep(1000);
        const now = (await stat(file)).size;
        same = now === size ? same + 1 : 0;
        size = now;
      }
      console.log(`${label}: ${file} (${(size / 2 ** 20).toFixed(0)} MiB; RSS before: ${/VmRSS:\s+(\d+) kB/.exec(status)?.[1]} kB)`);
      return;
    }
  }
}

try {
  const { siteId } = await createTeamSite(info, db, "heap");
  const seeders = await Promise.all(
    Array.from({ length: SEEDERS }, () => startNodeVisitor({ appUrl: stack.appUrl, siteId, hostOrigin: stack.demoUrl, withCrypto: false })),
  );
  await seedClosed(db, seeders, siteId, FIRST);
  await snapshot(`after ${FIRST}`);
  await seedClosed(db, seeders, siteId, FIRST + MORE);
  await snapshot(`after ${FIRST + MORE}`);
  const log = await readFile(path.join(stack.logDir, "router.log"), "utf8");
  console.log(
    log
      .split("\n")
      .filter((l) => l.includes(" pass "))
      .slice(-3)
      .join("\n"),
  );
  for (const v of seeders) v.stop();
} finally {
  await end();
  await bench.close();
}
