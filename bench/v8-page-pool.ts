// What V8 keeps after a burst (issue 14 item 3), without a stack: a Node process builds a live set
// of the router's size (~40 MiB), then a burst that the old generation holds for a moment (as /sync
// responses during seeding), drops it, and works lightly for 20 s (a tick a second). It reports
// the heap V8 holds and the anonymous memory in the mappings outside glibc, stacks and code
// (V8's heap pages: `bench/smaps.ts`), then the RSS. Run once per set of flags, each in a child:
// the router's old flags and its flags now (`bot/node-flags.ts`); then, as the worst case for the
// flags' CPU, a loop that parses /sync-like responses. Light: one core, ~1 minute.
// `npx tsx bench/v8-page-pool.ts`
import { execFileSync } from "node:child_process";
import { getHeapStatistics } from "node:v8";
import { ROUTER_NODE_FLAGS } from "../bot/node-flags";
import { procCpuSeconds } from "./proc-memory";
import { anonByKind, smaps } from "./smaps";

const mib = (x: number) => (x / 2 ** 20).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function figures(label: string): Promise<string> {
  const other = anonByKind(await smaps(process.pid))["other anonymous"];
  return `${label}: heap held ${mib(getHeapStatistics().total_heap_size)} MiB, anonymous outside glibc/stacks/code ${other.toFixed(1)} MiB, rss ${mib(process.memoryUsage().rss)} MiB`;
}

async function child(): Promise<void> {
  const live: unknown[] = [];
  for (let i = 0; i < 3e5; i++) live.push({ i, s: `live${i}`, a: [i] });
  const burst: unknown[] = [];
  for (let i = 0; i < 8e5; i++) burst.push({ i, s: `burst${i}` });
  const lines = [await figures("burst held")];
  burst.length = 0;
  const cpu0 = await procCpuSeconds(process.pid);
  for (let k = 0; k < 20; k++) {
    const garbage: unknown[] = [];
    for (let j = 0; j < 2e4; j++) garbage.push({ j, s: `tick${j}` });
    await sleep(1000);
    if (k === 1 || k === 19) lines.push(await figures(`burst dropped, ${k + 1} s of light work`));
  }
  lines.push(`CPU over the 20 s: ${((await procCpuSeconds(process.pid)) - cpu0).toFixed(2)} s; live set ${live.length} objects`);
  console.log(lines.join("\n"));
}

/** The worst case for the flags' CPU: parse and sort 2,000 /sync-like responses (40 rooms of 20 events), keeping the last few. */
function jsonLoop(): void {
  const event = (i: number, j: number) => ({ type: "m.room.encrypted", sender: `@v${j}:x`, content: { ciphertext: "x".repeat(300) }, event_id: `$e${i}_${j}` });
  const rooms = Array.from({ length: 40 }, (_, i) => [`!room${i}:x`, { timeline: { events: Array.from({ length: 20 }, (_, j) => event(i, j)) } }]);
  const payload = JSON.stringify({ rooms: { join: Object.fromEntries(rooms) } });
  const t0 = performance.now();
  let kept: { rooms: { join: Record<string, { timeline: { events: { event_id: string }[] } }> } }[] = [];
  for (let k = 0; k < 2000; k++) {
    kept.push(JSON.parse(payload));
    if (kept.length > 30) kept = kept.slice(15);
    for (const r of Object.values(kept.at(-1)!.rooms.join)) r.timeline.events.sort((a, b) => (a.event_id < b.event_id ? -1 : 1));
  }
  console.log(`JSON loop: ${(performance.now() - t0).toFixed(0)} ms, rss ${mib(process.memoryUsage().rss)} MiB`);
}

if (process.argv[2] === "child") await child();
else if (process.argv[2] === "json") jsonLoop();
else
  for (const flags of [["--max-semi-space-size=2"], [...ROUTER_NODE_FLAGS]]) {
    console.log(`\nnode ${flags.join(" ")}`);
    for (const mode of ["child", "json"])
      console.log(execFileSync(process.execPath, [...flags, "--import", "tsx", import.meta.filename, mode], { encoding: "utf8" }).trim());
  }
