// `npm run bench` (console, closed history): console start, cold (no stored sync) and warm (a reload resuming
// from the stored sync), for an agent with N open conversations and M closed ones, M = 0 and each level of
// BENCH_CLOSED (comma-separated, cumulative). Closed conversations the router and the console have left (what the
// console does since issue 14); with BENCH_JOINED > 0, as many more still joined (what it did before). Prints the
// medians, the slope per closed room, its extrapolation to 2,000 and 10,000 (the budget: within 10% of M = 0),
// and the load average. BENCH_SEED_MINUTES caps the seeding of each level (it reports how many it seeded).
// A start ends at the first frame that draws the rows (an in-page check each frame); Playwright's polling, which
// can see them up to ~0.5 s later, is printed beside it.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type Page } from "@playwright/test";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { startStack } from "../scripts/stack";
import {
  agentAndSeeder,
  launchBenchChromium,
  profiledStart,
  rowsDrawnMs,
  seedConversationRoom,
  seedingApi,
  startRequests,
  startTimeline,
  timedStart,
  watchRowsDrawn,
} from "./console-bench-kit";
import { percentile } from "./stats";

const OPEN = Number(process.env.BENCH_OPEN ?? 50);
// "0" alone: only the level without closed conversations.
const LEVELS = (process.env.BENCH_CLOSED ?? "300")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const JOINED = Number(process.env.BENCH_JOINED ?? 300);
const SEED_MS = Number(process.env.BENCH_SEED_MINUTES ?? 0) * 60_000 || Infinity;
// BENCH_PROFILE=1: one more warm start per level under the CPU profiler (not in the medians: the profiler slows it).
const PROFILE = process.env.BENCH_PROFILE === "1";
const RUNS = 3;
const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-closed-"));
const stack = await startStack({ dataDir, appMode: "start", quiet: true });
const browser = await launchBenchChromium();

const matrix = seedingApi(stack.synapseUrl);

type Kind = "open" | "closed-left" | "closed-joined";

/**
 * Conversation rooms (encrypted, tagged like the widget's) the agent joined. Closed ones carry the closed
 * routing state (sent by the seeder, standing in for the router); "closed-left": the seeder then leaves (the
 * router's leave after its grace) and so does the agent (the console's leave), "closed-joined": both stay.
 */
async function addConversations(n: number, kind: Kind, seederToken: string, agent: { userId: string; token: string }): Promise<number> {
  let next = 0;
  let done = 0;
  const deadline = Date.now() + SEED_MS;
  const worker = async (): Promise<void> => {
    while (next < n && Date.now() < deadline) {
      next++;
      const closed =
        kind !== "open"
          ? [
              {
                type: ROUTING_EVENT,
                state_key: "",
                content: { status: "closed", agent_user_id: agent.userId, readers: [agent.userId], closed_reason: "agent", updated_at: Date.now() },
              },
            ]
          : [];
      const roomId = await seedConversationRoom(matrix, seederToken, agent.userId, closed);
      const room = encodeURIComponent(roomId);
      await matrix(agent.token, "POST", `/rooms/${room}/join`, {});
      if (kind === "closed-left") {
        await matrix(seederToken, "POST", `/rooms/${room}/leave`, {});
        await matrix(agent.token, "POST", `/rooms/${room}/leave`, {});
      }
      done++;
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return done;
}

const FIRST_ROW = `.conversation-list .scroller[data-rows="${OPEN}"] [role="listitem"] button`;

/** Page load until the Mine list knows all `open` conversations and shows the first row, as Playwright's polling sees it. */
function start(page: Page, kind: "cold" | "warm"): Promise<number> {
  return timedStart(page, stack.appUrl, kind, () => page.locator(FIRST_ROW).first().waitFor({ timeout: 180_000 }));
}

/** One start: when the first frame drew the rows (ms since navigation: what the agent sees), and when Playwright's polling saw them. */
type Start = { drawn: number; polled: number };
type Median = { ms: number; runs: number[]; polledMs: number; polled: number[]; load: number };
type Level = { closed: number; cold: Median; warm: Median };

const mid = (runs: number[]): number =>
  percentile(
    [...runs].sort((a, b) => a - b),
    50,
  );

async function timed(page: Page, kind: "cold" | "warm"): Promise<Start> {
  const polled = await start(page, kind);
  return { polled, drawn: await rowsDrawnMs(page) };
}

async function median(page: Page, kind: "cold" | "warm"): Promise<Median> {
  const starts: Start[] = [];
  for (let i = 0; i < RUNS; i++) starts.push(await timed(page, kind));
  const runs = starts.map((s) => s.drawn);
  const polled = starts.map((s) => s.polled);
  return { ms: mid(runs), runs, polledMs: mid(polled), polled, load: loadavg()[0] ?? 0 };
}

async function level(page: Page, closed: number): Promise<Level> {
  const l = { closed, cold: await median(page, "cold"), warm: await median(page, "warm") };
  console.log(`  M = ${closed}, timeline of the last warm start (ms): ${await startTimeline(page, l.warm.polled.at(-1)!)}`);
  console.log(`  its homeserver requests (ms): ${await startRequests(page)}`);
  if (PROFILE) console.log(await profiledStart(page, () => start(page, "warm")).catch((e: Error) => `  no profile: ${e.message}`));
  return l;
}

const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
const fmt = (r: Median) =>
  `rows drawn: median ${r.ms.toFixed(0)} ms of ${list(r.runs)} (Playwright's polling: ${r.polledMs.toFixed(0)} of ${list(r.polled)}; load ${r.load.toFixed(1)})`;

function slopeLine(label: string, base: number, withM: number, m: number): string {
  const slope = (withM - base) / m;
  const at = (n: number) => base + slope * n;
  return `  ${label}: ${slope.toFixed(3)} ms per closed room; ratio to M = 0: ${(withM / base).toFixed(2)} at ${m}, extrapolated ${(at(2_000) / base).toFixed(2)} at 2,000 (${at(2_000).toFixed(0)} ms), ${(at(10_000) / base).toFixed(2)} at 10,000 (${at(10_000).toFixed(0)} ms); budget within 1.10: ${at(2_000) / base <= 1.1 ? "OK" : "OVER"}`;
}

try {
  const { page, agent, seeder } = await agentAndSeeder(browser, stack);
  await watchRowsDrawn(page, FIRST_ROW);
  const seed = async (n: number, kind: Kind): Promise<number> => {
    const t = performance.now();
    const done = await addConversations(n, kind, seeder.accessToken, agent);
    console.log(`  seeded ${done} of ${n} ${kind} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return done;
  };

  console.log(`\nConsole start with closed history (Chromium, real Synapse; ${OPEN} open conversations; cold: no stored sync, warm: a reload):`);
  await seed(OPEN, "open");
  const base = await level(page, 0);
  const levels: Level[] = [base];
  console.log(`  M = 0: cold ${fmt(base.cold)}; warm ${fmt(base.warm)}`);
  let closed = 0;
  for (const target of LEVELS) {
    closed += await seed(target - closed, "closed-left");
    const l = await level(page, closed);
    levels.push(l);
    console.log(`  M = ${closed} closed, left (now): cold ${fmt(l.cold)}; warm ${fmt(l.warm)}`);
    if (closed < target) break; // out of seeding time
  }
  const top = levels.at(-1)!;
  if (top.closed > 0) {
    console.log(slopeLine("cold, left (now)", base.cold.ms, top.cold.ms, top.closed));
    console.log(slopeLine("warm, left (now)", base.warm.ms, top.warm.ms, top.closed));
  }
  if (JOINED > 0) {
    const n = await seed(JOINED, "closed-joined");
    const joined = await level(page, top.closed);
    console.log(`  + ${n} closed still joined (before: what staying costs): cold ${fmt(joined.cold)}; warm ${fmt(joined.warm)}`);
    console.log(slopeLine("cold, still joined (before)", top.cold.ms, joined.cold.ms, n));
  }
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
