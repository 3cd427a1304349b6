// `npm run bench` (console part): an agent with 200, then 500 conversations.
// Prints the cold start (page load until the inbox lists every conversation,
// without a stored sync; budget 3 s at 200), the warm start (a reload that
// resumes from the stored sync; budget 1 s at 200), how many list rows are in
// the DOM (virtualised), and frame times while scrolling the whole list of 500.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Page } from "@playwright/test";
import { startStack } from "../scripts/stack";
import { agentAndSeeder, launchBenchChromium, seedConversationRoom, seedingApi, startTimeline, timedStart } from "./console-bench-kit";
import { percentile } from "./stats";

const BUDGET_MS = { cold: 3_000, warm: 1_000 };
const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-inbox-"));
const stack = await startStack({ dataDir, appMode: "start", quiet: true });
const browser = await launchBenchChromium();

const matrix = seedingApi(stack.synapseUrl);

/** Conversation rooms (encrypted, tagged like the widget's) that the agent has joined. */
async function addConversations(n: number, seederToken: string, agent: { userId: string; token: string }): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      next++;
      const roomId = await seedConversationRoom(matrix, seederToken, agent.userId);
      await matrix(agent.token, "POST", `/rooms/${encodeURIComponent(roomId)}/join`, {});
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

/** Page load until the list knows all `n` conversations and shows the first row (cold: no stored sync; warm: a reload with it). */
function start(page: Page, n: number, kind: "cold" | "warm"): Promise<number> {
  return timedStart(page, stack.appUrl, kind, () =>
    page.locator(`.conversation-list .scroller[data-rows="${n}"] [role="listitem"] button`).first().waitFor({ timeout: 120_000 }),
  );
}

async function scrollFrames(page: Page): Promise<{ frames: number[]; maxRows: number }> {
  return page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>(".conversation-list .scroller")!;
    const frames: number[] = [];
    let maxRows = 0;
    let last = performance.now();
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += 120;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, el.querySelectorAll("li").length);
    }
    return { frames, maxRows };
  });
}

try {
  const { page, agent, seeder } = await agentAndSeeder(browser, stack);

  console.log("\nConsole inbox (Chromium, real Synapse; rooms without messages, encrypted and tagged like conversations):");
  for (const total of [200, 500]) {
    const t = performance.now();
    await addConversations(total === 200 ? 200 : 300, seeder.accessToken, agent);
    console.log(`  seeded up to ${total} conversations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const kind of ["cold", "warm"] as const) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await start(page, total, kind));
      console.log(`  ${kind}: timeline of the last run (ms): ${await startTimeline(page, runs.at(-1)!)}`);
      runs.sort((a, b) => a - b);
      const median = percentile(runs, 50);
      const budget = BUDGET_MS[kind];
      const verdict = total === 200 ? (median <= budget ? ` (budget ${budget} ms: OK)` : ` (budget ${budget} ms: OVER)`) : "";
      const rows = await page.locator('.conversation-list [role="listitem"]').count();
      console.log(
        `  ${kind} start to a usable inbox with ${total}: median ${median.toFixed(0)} ms of ${runs.map((r) => r.toFixed(0)).join(", ")}${verdict}; ${rows} rows in the DOM`,
      );
    }
  }
  const { frames, maxRows } = await scrollFrames(page);
  const sorted = [...frames].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error("the conversation list did not scroll: is it still virtualised?");
  console.log(
    `  scrolling 500: ${frames.length} frames, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; at most ${maxRows} rows in the DOM`,
  );
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
