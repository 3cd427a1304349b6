// `npm run bench` (console, closed history): console start, cold (no stored sync) and warm (a reload resuming
// from the stored sync), for an agent with N open conversations and M closed ones, M = 0 and each level of
// BENCH_CLOSED (comma-separated, cumulative). Closed conversations the router and the console have left (what the
// console does since issue 14); with BENCH_JOINED > 0, as many more still joined (what it did before). Prints the
// medians, the slope per closed room, its extrapolation to 2,000 and 10,000 (the budget: within 10% of M = 0),
// and the load average. BENCH_SEED_MINUTES caps the seeding of each level (it reports how many it seeded).
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
  seedConversationRoom,
  seedingApi,
  startRequests,
  startTimeline,
  timedStart,
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

/** Page load until the Mine list knows all `open` conversations and shows the first row. */
function start(page: Page, kind: "cold" | "warm"): Promise<number> {
  return timedStart(page, stack.appUrl, kind, () =>
    page.locator(`.conversation-list .scroller[data-rows="${OPEN}"] [role="listitem"] button`).first().waitFor({ timeout: 180_000 }),
  );
}

type Median = { ms: number; runs: number[]; load: number };
type Level = { closed: number; cold: Median; warm: Median };

async function median(page: Page, kind: "cold" | "warm"): Promise<Median> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await start(page, kind));
  return {
    ms: percentile(
      [...runs].sort((a, b) => a - b),
      50,
    ),
    runs,
    load: loadavg()[0] ?? 0,
  };
}

async function level(page: Page, closed: number): Promise<Level> {
  const l = { closed, cold: await median(page, "cold"), warm: await median(page, "warm") };
  console.log(`  M = ${closed}, timeline of the last warm start (ms): ${await startTimeline(page, l.warm.runs.at(-1)!)}`);
  console.log(`  its homeserver requests (ms): ${await startRequests(page)}`);
  if (PROFILE) console.log(await profiledStart(page, () => start(page, "warm")).catch((e: Error) => `  no profile: ${e.message}`));
  return l;
}

const fmt = (r: Median) => `median ${r.ms.toFixed(0)} ms of ${r.runs.map((x) => x.toFixed(0)).join(", ")} (load ${r.load.toFixed(1)})`;

function slopeLine(label: string, base: number, withM: number, m: number): string {
  const slope = (withM - base) / m;
  const at = (n: number) => base + slope * n;
  return `  ${label}: ${slope.toFixed(3)} ms per closed room; ratio to M = 0: ${(withM / base).toFixed(2)} at ${m}, extrapolated ${(at(2_000) / base).toFixed(2)} at 2,000 (${at(2_000).toFixed(0)} ms), ${(at(10_000) / base).toFixed(2)} at 10,000 (${at(10_000).toFixed(0)} ms); budget within 1.10: ${at(2_000) / base <= 1.1 ? "OK" : "OVER"}`;
}

try {
  const { page, agent, seeder } = await agentAndSeeder(browser, stack);
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
