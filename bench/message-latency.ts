// `npm run bench` (or alone: `npm run build && npx tsx bench/message-latency.ts`): starts
// the real stack (production build), drives Chromium as a visitor (widget frame) and as an
// agent (console), and prints, in both directions over BENCH_MESSAGES messages (default 30):
// the latency from Enter to the text painted decrypted on the other side, from the pages'
// own performance marks (lib/perf/latency-marks.ts), broken down per hop; the plain-Matrix
// floor measured on the same Synapse in the same run (bench/latency-floor.ts); the encrypted floor (two plain
// matrix-js-sdk clients with rust crypto in Chromium, bench/encrypted-floor.ts), cut into the same hops; and the ratios.
// BENCH_TRUST=roster (default: the demo page's snippet carries an organisation key and the agent
// is on its signed roster, as deployed) or keyless (no key: the degraded mode, as issue 17 measured).
// BENCH_PROFILE=N: N more messages each way under Chromium's CPU profiler, split by hop (not in the figures);
// BENCH_PROFILE_DIR=dir also writes both pages' profiles and their hop windows there, to study after the run.
// BENCH_REPLY_MS=ms: every message (Sealdesk's and both floors') sent that long after the one before was shown
// (default 0: back to back, so a message meets the other side's read receipt of the one before).
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Frame, type Page } from "@playwright/test";
import { agentSignsIn, visitorOpensChat } from "../e2e/helpers";
import type { StackInfo } from "../e2e/stack-info";
import { devOrgKey, keepDevRoster } from "../scripts/dev-org";
import { startStack } from "../scripts/stack";
import { startEncryptedFloor, type EncryptedFloor } from "./encrypted-floor";
import { startFloorPair } from "./latency-floor";
import { checkRequestPhases, checkRequests, hopsOf, type Hops } from "./latency-hops";
import { entriesOf, keepResourceTimings, writtenSince } from "./page-entries";
import { hopWindows, startProfiler, summariseHops, wallMinusMonotonicUs } from "./latency-profile";
import { percentile, replyPause, summarise } from "./stats";

const count = Number(process.env.BENCH_MESSAGES ?? 30);
const trust = process.env.BENCH_TRUST === "keyless" ? "keyless" : "roster";
// BENCH_PROFILE=N: N more messages each way under Chromium's CPU profiler, cut into hops (bench/latency-profile.ts).
const PROFILE = Number(process.env.BENCH_PROFILE ?? 0);
// BENCH_REPLY_MS: each message sent this long after the one before was shown (bench/stats.ts replyPause), all measures.
const REPLY_MS = Number(process.env.BENCH_REPLY_MS ?? 0);
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
const loadBefore = load();
const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-"));
const org = trust === "roster" ? await devOrgKey(dataDir) : null;
// SERVER_TIMING: the app's answers say where its time went (the checks' requests are split by it below).
const stack = await startStack({ dataDir, appMode: "start", quiet: true, appEnv: { SERVER_TIMING: "1" }, ...(org ? { demoOrgKey: org.orgKey } : {}) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
});

const HOP_NAMES: [Exclude<keyof Hops, "busySyncs">, string][] = [
  ["checks", "Enter -> checks passed"],
  ["encrypt", "checks -> request sent (encryption)"],
  ["server", "request -> other side's /sync answer"],
  ["decrypt", "/sync answer -> decrypted"],
  ["paint", "decrypted -> painted"],
  ["ack", "(aside) request -> server's answer"],
];

/** An aside that must not end the run: a floor that fails to start is left out, with a note. */
async function optional(start: Promise<EncryptedFloor>): Promise<EncryptedFloor | null> {
  const floor = await start.catch((e: unknown) => (console.log(`(the signed-only encrypted floor is left out: ${String(e)})`), null));
  if (!floor) return null;
  let failed = false;
  const exchange = (n: number): Promise<void> =>
    failed
      ? Promise.resolve()
      : floor.exchange(n, REPLY_MS).catch((e: unknown) => void ((failed = true), console.log(`(the signed-only encrypted floor stopped: ${String(e)})`)));
  return { ...floor, exchange };
}

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const ratio = (a: number[], b: number[], p: number): string => (percentile(sorted(a), p) / percentile(sorted(b), p)).toFixed(2);

/** Sealdesk's figures for one direction beside the plain floor and the encrypted floor (`enc`: both its directions). */
function printHops(direction: string, all: (Hops | string)[], floor: number[], enc: Hops[]): void {
  const hops = all.filter((h): h is Hops => typeof h !== "string");
  const missing = all.filter((h): h is string => typeof h === "string");
  const f = (ms: number): string => ms.toFixed(1);
  console.log(
    `\n${direction}: Enter -> painted decrypted, from the pages' marks (${hops.length} messages${missing.length ? `, ${missing.length} without marks: ${missing[0]}` : ""})`,
  );
  const totals = hops.map((h) => h.total);
  const encTotals = enc.map((h) => h.total);
  console.log(summarise("  total", totals));
  console.log(`  ratio to the floor: p50 ${ratio(totals, floor, 50)}x (budget 2x), p95 ${ratio(totals, floor, 95)}x (budget 3x)`);
  console.log(`  ratio to the encrypted floor: p50 ${ratio(totals, encTotals, 50)}x, p95 ${ratio(totals, encTotals, 95)}x`);
  const p50 = percentile(sorted(totals), 50);
  const encP50 = percentile(sorted(encTotals), 50);
  console.log(
    `  at p50, the encrypted floor is ${((100 * encP50) / p50).toFixed(0)} % of it (${f(encP50)} ms); Sealdesk adds ${f(p50 - encP50)} ms (${((100 * (p50 - encP50)) / p50).toFixed(0)} %)`,
  );
  const busy = hops.filter((h) => h.busySyncs > 0);
  console.log(
    `  ${busy.length} of ${hops.length} messages reached a receiver whose /sync had answered something else (typing, a receipt) after the send began`,
  );
  console.log("  hop                                   p50     p95    mean | encrypted floor p50     p95 (ms)");
  for (const [k, label] of HOP_NAMES) {
    const s = sorted(hops.map((h) => h[k]));
    const e = sorted(enc.map((h) => h[k]));
    const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
    // The floor has no checks and draws nothing: both hops are 0 by construction.
    const floorCols =
      k === "checks" || k === "paint" ? `${"-".padStart(23)} ${"-".padStart(7)}` : `${f(percentile(e, 50)).padStart(23)} ${f(percentile(e, 95)).padStart(7)}`;
    console.log(`  ${label.padEnd(37)} ${f(percentile(s, 50)).padStart(6)} ${f(percentile(s, 95)).padStart(7)} ${f(mean).padStart(7)} |${floorCols}`);
  }
}

/** Runs `send` with both sides under the CPU profiler; the per-hop summary of each direction. */
async function profileExchange(send: () => Promise<void>, frame: Frame, agent: Page): Promise<string> {
  const [pv, pa] = [await startProfiler(frame), await startProfiler(agent)];
  const since = Date.now();
  await send();
  await new Promise((r) => setTimeout(r, 500));
  const [profV, profA] = [await pv.stop(), await pa.stop()];
  const clocks = wallMinusMonotonicUs();
  const [v, a] = [await entriesOf(frame), await entriesOf(agent)];
  const toAgent = hopWindows(writtenSince(v, since), v, a);
  const toVisitor = hopWindows(writtenSince(a, since), a, v);
  const dir = process.env.BENCH_PROFILE_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "visitor.cpuprofile"), JSON.stringify(profV));
    await writeFile(path.join(dir, "agent.cpuprofile"), JSON.stringify(profA));
    await writeFile(path.join(dir, "windows.json"), JSON.stringify({ clocks, toAgent, toVisitor }));
  }
  return [
    summariseHops("visitor (widget frame) sending", profV, toAgent.sender, clocks),
    summariseHops("agent console receiving", profA, toAgent.receiver, clocks),
    summariseHops("agent console sending", profA, toVisitor.sender, clocks),
    summariseHops("visitor (widget frame) receiving", profV, toVisitor.receiver, clocks),
  ].join("\n");
}

try {
  const info = { appUrl: stack.appUrl, demoUrl: stack.demoUrl, agent: stack.accounts.demoAgent } as StackInfo;
  const floorPair = await startFloorPair(stack.synapseUrl, stack.synapse.registrationSharedSecret);
  const encFloor = await startEncryptedFloor(browser, stack.synapseUrl, stack.synapse.registrationSharedSecret);
  // The same with Sealdesk's isolation mode (only cross-signed devices): what that mode alone costs (printed, no ratio).
  const encSigned = await optional(startEncryptedFloor(browser, stack.synapseUrl, stack.synapse.registrationSharedSecret, { signedOnly: true }));
  const roster = org
    ? await keepDevRoster({
        org,
        databaseUrl: stack.databaseUrl,
        synapseUrl: stack.synapseUrl,
        token: stack.accounts.router.accessToken,
        agentUserId: stack.accounts.demoAgent.userId,
      })
    : null;
  const agent = await agentSignsIn(browser, info);
  // The agent's identity now exists: keepDevRoster signs it into the roster within its 3 s check.
  if (roster) await new Promise((r) => setTimeout(r, 4_000));
  roster?.stop();
  const visitor = await visitorOpensChat(browser, info);
  const chat = visitor.chat;
  const frame = (await (await visitor.page.locator('iframe[title="Support chat"]').elementHandle())?.contentFrame()) ?? null;
  if (!frame) throw new Error("the widget's frame is not there");
  const visitorInput = chat.getByRole("textbox", { name: "Message" });
  const agentInput = agent.getByLabel("Reply");

  // Warm-up: the first message creates the room and gets the agent assigned and invited.
  await visitorInput.fill("Hello, I have a question");
  await visitorInput.press("Enter");
  await agent
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("button", { name: /Visitor/ })
    .click({ timeout: 60_000 });
  await agent.locator("li.theirs", { hasText: "Hello, I have a question" }).waitFor({ timeout: 60_000 });
  await agentInput.fill("Hello, how can I help?");
  await agentInput.press("Enter");
  await chat.locator("li.theirs", { hasText: "Hello, how can I help?" }).waitFor({ timeout: 30_000 });

  // The floors, half before and half after Sealdesk's messages (the same Synapse, the other browsers open and idle).
  const floor: number[] = [];
  const floorRound = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      await replyPause(REPLY_MS);
      floor.push(await floorPair.once((i % 2) as 0 | 1));
    }
  };
  await floorRound(count);
  await encFloor.exchange(Math.ceil(count / 2), REPLY_MS);
  await encSigned?.exchange(Math.ceil(count / 2));

  await keepResourceTimings(agent);
  await keepResourceTimings(frame);
  const since = Date.now();
  const seenToAgent: number[] = [];
  const seenToVisitor: number[] = [];
  const exchange = async (n: number, tag: string): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const v = `visitor ${tag}${i} ${randomBytes(4).toString("hex")}`;
      await replyPause(REPLY_MS);
      await visitorInput.fill(v);
      let t0 = performance.now();
      await visitorInput.press("Enter");
      await agent.locator("li.theirs", { hasText: v }).waitFor({ timeout: 30_000 });
      seenToAgent.push(performance.now() - t0);

      const a = `agent ${tag}${i} ${randomBytes(4).toString("hex")}`;
      await replyPause(REPLY_MS);
      await agentInput.fill(a);
      t0 = performance.now();
      await agentInput.press("Enter");
      await chat.locator("li.theirs", { hasText: a }).waitFor({ timeout: 30_000 });
      seenToVisitor.push(performance.now() - t0);
    }
  };
  await exchange(count, "");
  await new Promise((r) => setTimeout(r, 500)); // the last marks and resource timings land
  const [fromVisitor, fromAgent] = [await entriesOf(frame), await entriesOf(agent)];
  await floorRound(count);
  await encFloor.exchange(Math.floor(count / 2), REPLY_MS);
  await encSigned?.exchange(Math.floor(count / 2));
  floorPair.stop();
  const encHops = await encFloor.hops();
  const signedHops = (await encSigned?.hops()) ?? { aToB: [], bToA: [] };
  const floorProfile = PROFILE ? await encFloor.profile(PROFILE) : null;
  await encFloor.stop();
  await encSigned?.stop();
  const signedOk = [...signedHops.aToB, ...signedHops.bToA].filter((h): h is Hops => typeof h !== "string");
  const enc = [...encHops.aToB, ...encHops.bToA];
  const encOk = enc.filter((h): h is Hops => typeof h !== "string");
  // Profiled messages come after the measured ones (the profiler slows the pages) and are not in the figures.
  const profiled = PROFILE ? await profileExchange(() => exchange(PROFILE, "profiled "), frame, agent) : null;

  console.log(
    `\nMessage latency (${trust === "roster" ? "with an organisation key and signed roster" : "keyless (degraded mode)"}; Chromium, real Synapse, ${count} messages each way${REPLY_MS ? `, each sent ${REPLY_MS} ms after the one before was shown` : ", back to back"}; load average before ${loadBefore}, after ${load()}):`,
  );
  console.log(summarise("plain-Matrix floor (two Node clients, no encryption, send -> other's /sync)", floor));
  const encTotal = (hs: (Hops | string)[]): number[] => hs.filter((h): h is Hops => typeof h !== "string").map((h) => h.total);
  console.log(
    summarise(
      `encrypted floor (two plain matrix-js-sdk clients in Chromium, rust crypto in IndexedDB, cross-signed, + a third member; send -> other's Event.decrypted${enc.length > encOk.length ? `; ${enc.length - encOk.length} without marks` : ""})`,
      encOk.map((h) => h.total),
    ),
  );
  console.log(summarise("  a -> b", encTotal(encHops.aToB)));
  console.log(summarise("  b -> a", encTotal(encHops.bToA)));
  console.log(summarise("encrypted floor with Sealdesk's isolation mode (only cross-signed devices)", encTotal(signedOk)));
  const p50 = (k: keyof Hops): string => percentile(sorted(signedOk.map((h) => h[k])), 50).toFixed(1);
  console.log(`  its hops, p50 ms: encryption ${p50("encrypt")}, request -> /sync answer ${p50("server")}, /sync answer -> decrypted ${p50("decrypt")}`);
  printHops(
    "visitor -> agent console",
    writtenSince(fromVisitor, since).map((txn) => hopsOf(txn, fromVisitor, fromAgent)),
    floor,
    encOk,
  );
  printHops(
    "agent console -> visitor",
    writtenSince(fromAgent, since).map((txn) => hopsOf(txn, fromAgent, fromVisitor)),
    floor,
    encOk,
  );
  for (const [side, entries] of [
    ["visitor", fromVisitor],
    ["agent console", fromAgent],
  ] as const) {
    const requests = checkRequests(writtenSince(entries, since), entries);
    console.log(`\nRequests the ${side}'s checks waited for (Enter -> checks passed): ${requests.size ? "" : "none"}`);
    for (const [p, ms] of requests) console.log(summarise(`  ${p}`, ms));
    for (const [p, phases] of checkRequestPhases(writtenSince(entries, since), entries))
      for (const [phase, ms] of phases) console.log(summarise(`    ${p} ${phase}`, ms));
  }
  console.log("\nSeen by Playwright (Enter -> the text found in the DOM by polling; includes Playwright's own round trips):");
  console.log(summarise("  visitor -> agent console", seenToAgent.slice(0, count)));
  console.log(summarise("  agent console -> visitor", seenToVisitor.slice(0, count)));
  if (profiled) console.log(`\nCPU profile of ${PROFILE} more messages each way (BENCH_PROFILE):\n${profiled}\n${floorProfile ?? ""}`);
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
