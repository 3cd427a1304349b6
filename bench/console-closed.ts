// `npm run bench` (console, closed history): console start for an agent with N open conversations and M closed
// ones, M = 0 and a few hundred. Closed conversations the router and the console have left (what the console does
// since issue 14) against the same number still joined (what it did before). Prints the medians, the slope per
// closed room, its extrapolation to 2,000 and 10,000 (the budget: within 10% of M = 0), and the load average.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type Page } from "@playwright/test";
import { ROUTING_EVENT } from "../lib/conversation/event-types";
import { startStack } from "../scripts/stack";
import { agentAndSeeder, launchBenchChromium, seedConversationRoom, seedingApi } from "./console-bench-kit";
import { percentile } from "./stats";

const OPEN = Number(process.env.BENCH_OPEN ?? 50);
const CLOSED = Number(process.env.BENCH_CLOSED ?? 300);
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
async function addConversations(n: number, kind: Kind, seederToken: string, agent: { userId: string; token: string }): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
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
      if (kind !== "closed-left") continue;
      await matrix(seederToken, "POST", `/rooms/${room}/leave`, {});
      await matrix(agent.token, "POST", `/rooms/${room}/leave`, {});
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

/** Page load until the Mine list knows all `open` conversations and shows the first row. */
async function start(page: Page): Promise<number> {
  const t0 = performance.now();
  await page.reload();
  await page.locator(`.conversation-list .scroller[data-rows="${OPEN}"] [role="listitem"] button`).first().waitFor({ timeout: 180_000 });
  return performance.now() - t0;
}

async function median(page: Page): Promise<{ ms: number; runs: number[]; load: number }> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await start(page));
  return {
    ms: percentile(
      [...runs].sort((a, b) => a - b),
      50,
    ),
    runs,
    load: loadavg()[0] ?? 0,
  };
}

const fmt = (r: { ms: number; runs: number[]; load: number }) =>
  `median ${r.ms.toFixed(0)} ms of ${r.runs.map((x) => x.toFixed(0)).join(", ")} (load ${r.load.toFixed(1)})`;

function slopeLine(label: string, base: number, withM: number): string {
  const slope = (withM - base) / CLOSED;
  const at = (m: number) => base + slope * m;
  return `  ${label}: ${slope.toFixed(2)} ms per closed room; ratio to M = 0: ${(withM / base).toFixed(2)} at ${CLOSED}, extrapolated ${(at(2_000) / base).toFixed(2)} at 2,000 (${at(2_000).toFixed(0)} ms), ${(at(10_000) / base).toFixed(2)} at 10,000 (${at(10_000).toFixed(0)} ms); budget within 1.10: ${at(2_000) / base <= 1.1 ? "OK" : "OVER"}`;
}

try {
  const { page, agent, seeder } = await agentAndSeeder(browser, stack);
  const seed = async (n: number, kind: Kind) => {
    const t = performance.now();
    await addConversations(n, kind, seeder.accessToken, agent);
    console.log(`  seeded ${n} ${kind} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  console.log(`\nConsole start with closed history (Chromium, real Synapse; ${OPEN} open conversations; reload of a set-up console):`);
  console.log("  (no persistent sync store yet: a warm start (reload) fetches the same initial sync as a cold one, docs/known-limits.md)");
  await seed(OPEN, "open");
  const base = await median(page);
  console.log(`  M = 0: ${fmt(base)}`);
  await seed(CLOSED, "closed-left");
  const left = await median(page);
  console.log(`  M = ${CLOSED} closed, left (now): ${fmt(left)}`);
  await seed(CLOSED, "closed-joined");
  const joined = await median(page);
  console.log(`  + ${CLOSED} closed still joined (before: what staying costs): ${fmt(joined)}`);
  console.log(slopeLine("left (now)", base.ms, left.ms));
  console.log(slopeLine("still joined (before)", left.ms, joined.ms));
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
