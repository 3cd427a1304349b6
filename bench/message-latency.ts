// `npm run bench`: starts the real stack (production build), drives Chromium
// as a visitor and as an agent, and prints the send-to-shown-decrypted latency
// in both directions over BENCH_MESSAGES messages (default 50).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { agentSignsIn, visitorOpensChat } from "../e2e/helpers";
import type { StackInfo } from "../e2e/stack-info";
import { startStack } from "../scripts/stack";
import { summarise } from "./stats";

const count = Number(process.env.BENCH_MESSAGES ?? 50);
const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-"));
const stack = await startStack({ dataDir, appMode: "start", quiet: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
});
try {
  const info = { appUrl: stack.appUrl, demoUrl: stack.demoUrl, agent: stack.accounts.demoAgent } as StackInfo;
  const agent = await agentSignsIn(browser, info);
  const { chat } = await visitorOpensChat(browser, info);
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

  const toAgent: number[] = [];
  const toVisitor: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = `visitor ${i} ${randomBytes(4).toString("hex")}`;
    await visitorInput.fill(v);
    let t0 = performance.now();
    await visitorInput.press("Enter");
    await agent.locator("li.theirs", { hasText: v }).waitFor({ timeout: 30_000 });
    toAgent.push(performance.now() - t0);

    const a = `agent ${i} ${randomBytes(4).toString("hex")}`;
    await agentInput.fill(a);
    t0 = performance.now();
    await agentInput.press("Enter");
    await chat.locator("li.theirs", { hasText: a }).waitFor({ timeout: 30_000 });
    toVisitor.push(performance.now() - t0);
  }
  console.log(`\nMessage latency, pressing send -> text shown decrypted on the other side (Chromium, real Synapse, ${count} messages each way):`);
  console.log(summarise("visitor -> agent console", toAgent));
  console.log(summarise("agent console -> visitor", toVisitor));
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
