import { randomBytes } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { agentSignsIn } from "../e2e/helpers";
import { deleteStoredSync, storedSyncToken } from "../e2e/support/stored-sync";
import type { StackInfo } from "../e2e/stack-info";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import type { Stack } from "../scripts/stack";
import { CONVERSATION_EVENT } from "../lib/conversation/event-types";

/** Debian's Chromium (or CHROMIUM_PATH) without background traffic that would blur a timing. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
}

/**
 * A raw client-server API call for seeding many rooms quickly (thousands of calls: a
 * matrix-js-sdk client per seeded account would cost more than the figure measured).
 * Waits out rate limits (429) and throws on any other error.
 */
export function seedingApi(synapseUrl: string) {
  return async function matrix<T>(token: string, method: string, p: string, body?: unknown): Promise<T> {
    for (;;) {
      const res = await fetch(`${synapseUrl}/_matrix/client/v3${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    }
  };
}

/**
 * The stack's demo agent signed in (a set-up console: recovery key saved, browser verified),
 * its Matrix credentials as the console stored them, and a seeding account of its own.
 * Sign-in can take longer than the helper's 5 s wait on a loaded machine: tried three times.
 */
export async function agentAndSeeder(browser: Browser, stack: Stack) {
  const info = { appUrl: stack.appUrl, demoUrl: stack.demoUrl, agent: stack.accounts.demoAgent } as StackInfo;
  let page: Page | undefined;
  for (let attempt = 1; !page; attempt++) {
    page = await agentSignsIn(browser, info).catch((err: Error) => {
      if (attempt >= 3) throw err;
      console.log(`  sign-in attempt ${attempt} was slow (${err.message.split("\n")[0]}); again`);
      return undefined;
    });
  }
  const creds = await page.evaluate(() => JSON.parse(localStorage.getItem("sealdesk:console:matrix") ?? "{}") as { accessToken: string; userId: string });
  const seeder = await registerWithSharedSecret({
    homeserverUrl: stack.synapseUrl,
    sharedSecret: stack.synapse.registrationSharedSecret,
    username: `seeder-${randomBytes(3).toString("hex")}`,
    password: randomBytes(12).toString("hex"),
  });
  return { page, agent: { userId: creds.userId, token: creds.accessToken }, seeder };
}

/**
 * A room tagged like the widget's conversations (encrypted, shared history, the conversation
 * state event), made by the seeding account with the agent invited; `extraState` adds state
 * (a routing state, say). Returns the room id.
 */
export async function seedConversationRoom(
  matrix: ReturnType<typeof seedingApi>,
  seederToken: string,
  agentUserId: string,
  extraState: unknown[] = [],
): Promise<string> {
  const { room_id: roomId } = await matrix<{ room_id: string }>(seederToken, "POST", "/createRoom", {
    preset: "private_chat",
    invite: [agentUserId],
    initial_state: [
      { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
      { type: CONVERSATION_EVENT, state_key: "", content: { site_id: "demo", language: "en" } },
      ...extraState,
    ],
  });
  return roomId;
}

/**
 * Times one console start, from navigation until `ready` resolves. `cold`: the stored sync is deleted first
 * (from a page of the app's origin without the console, so nothing holds it open): an initial sync, as on a
 * new browser or after a sign-out that wiped the keys. `warm`: a reload that resumes from the stored sync
 * (waits until one is stored, and lets the previous start's write of it finish).
 */
export async function timedStart(page: Page, appUrl: string, kind: "cold" | "warm", ready: () => Promise<unknown>): Promise<number> {
  if (kind === "cold") {
    await page.goto(`${appUrl}/bench-no-console`);
    await deleteStoredSync(page);
  } else {
    for (const deadline = Date.now() + 120_000; !(await storedSyncToken(page));) {
      if (Date.now() > deadline) throw new Error("the console stored no sync in 2 minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
    // matrix-js-sdk writes the whole sync after each start's first sync: let that write end.
    await new Promise((r) => setTimeout(r, 3_000));
  }
  const t0 = performance.now();
  await (kind === "cold" ? page.goto(`${appUrl}/inbox`) : page.reload());
  await ready();
  return performance.now() - t0;
}

/** The in-page mark {@link watchRowsDrawn} sets (a `sealdesk:` mark, so the timeline and the profile's phases show it). */
export const ROWS_DRAWN_MARK = "sealdesk:rows drawn (bench)";

/**
 * From every navigation of `page` on, checks at each animation frame (before that frame is drawn) whether
 * `selector` matches a laid-out element, and marks the first frame that does ({@link ROWS_DRAWN_MARK}): when
 * the agent sees the rows, in ms since navigation. Playwright's own waiting polls 0, 20, 50, 100, 100 ms and
 * then every 500 ms after the page's load event, so a figure it ends can be up to ~0.5 s after the rows were
 * drawn.
 */
export async function watchRowsDrawn(page: Page, selector: string): Promise<void> {
  // A string, not a function: tsx wraps named inner functions in a helper the page does not have.
  const look = `(() => {
    const giveUp = performance.now() + 180000;
    const look = () => {
      const el = document.querySelector(${JSON.stringify(selector)});
      if (el && el.getBoundingClientRect().height > 0) performance.mark(${JSON.stringify(ROWS_DRAWN_MARK)});
      else if (performance.now() < giveUp) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  })();`;
  await page.addInitScript({ content: look });
}

/** When the last start's rows were first drawn (ms since navigation; {@link watchRowsDrawn}), or NaN. */
export async function rowsDrawnMs(page: Page): Promise<number> {
  // Playwright may find the rows a moment before the next frame's check.
  await page
    .waitForFunction((mark) => performance.getEntriesByName(mark, "mark").length > 0, ROWS_DRAWN_MARK, { polling: "raf", timeout: 5_000 })
    .catch(() => {});
  return page.evaluate((mark) => performance.getEntriesByName(mark, "mark")[0]?.startTime ?? Number.NaN, ROWS_DRAWN_MARK);
}

/**
 * Where the last start went, ms since navigation: the page (HTML, scripts),
 * then the console's own marks (app/inbox/use-matrix-client.ts), then the list.
 */
export async function startTimeline(page: Page, listMs: number): Promise<string> {
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const own = performance
      .getEntriesByType("mark")
      .filter((m) => m.name.startsWith("sealdesk:"))
      .map((m) => [m.name.slice(9), m.startTime] as const);
    return [["page loaded (HTML)", nav?.responseEnd ?? 0] as const, ["DOM ready", nav?.domContentLoadedEventEnd ?? 0] as const, ...own];
  });
  return [...marks, ["list seen by Playwright's polling", listMs] as const].map(([name, at]) => `${name} ${at.toFixed(0)}`).join(" → ");
}

/** The homeserver requests of the last start, ms since navigation: `GET /sync 812-905`. */
export async function startRequests(page: Page): Promise<string> {
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((r) => r.name.includes("/_matrix/"))
      .map((r) => [new URL(r.name).pathname.replace(/^\/_matrix\/client\/(v3|r0|unstable|versions)/, "$1"), r.startTime, r.responseEnd] as const),
  );
  return entries.map(([p, from, to]) => `${p.replace(/![^/]+|@[^/]+/g, "…")} ${from.toFixed(0)}-${to.toFixed(0)}`).join(", ");
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

/**
 * Runs `start` under Chromium's sampling CPU profiler (through CDP, across the reload) and
 * summarises where the main thread went: time by script, the functions with the most
 * inclusive time (a sample counts once for every distinct function on its stack), and the
 * same per phase between the console's marks (the profile's clock is the monotonic one
 * Node's `hrtime` reads on Linux; the marks are put on the wall clock by `timeOrigin`).
 */
export async function profiledStart(page: Page, start: () => Promise<number>): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const ms = await start();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
  await cdp.detach();
  const wallMinusMonotonicUs = Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType("mark")
      .filter((m) => m.name.startsWith("sealdesk:"))
      .map((m) => [m.name.slice(9), performance.timeOrigin + m.startTime] as const),
  );
  const phases = marks.map(([name, at], i) => ({ name: `${name} → ${marks[i + 1]?.[0] ?? "end"}`, fromWallMs: at }));
  const phaseOf = (monotonicUs: number): string =>
    phases.findLast((p) => p.fromWallMs * 1000 <= monotonicUs + wallMinusMonotonicUs)?.name ?? "before the first mark";
  return summariseProfile(profile, ms, phaseOf);
}

type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
const IDLE = new Set(["(root)", "(program)", "(idle)", "(garbage collector)"]);

function summariseProfile(profile: Profile, ms: number, phaseOf: (monotonicUs: number) => string): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const file = (url: string) => url.split("/").at(-1)?.split("?")[0] || "(native)";
  const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anon)"}@${file(n.callFrame.url)}:${n.callFrame.lineNumber}`;
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  const byScript = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const perPhase = new Map<string, { busy: number; all: number; fns: Map<string, number> }>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    const leaf = byId.get(id)!;
    add(byScript, leaf.callFrame.url ? file(leaf.callFrame.url) : leaf.callFrame.functionName, us);
    const phaseName = phaseOf(at);
    const phase = perPhase.get(phaseName) ?? { busy: 0, all: 0, fns: new Map<string, number>() };
    perPhase.set(phaseName, phase);
    phase.all += us;
    if (leaf.callFrame.functionName !== "(idle)") phase.busy += us;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(name(byId.get(n)!));
    for (const f of seen) {
      add(inclusive, f, us);
      if (!IDLE.has(f.split("@")[0]!)) add(phase.fns, f, us);
    }
  });
  const top = (m: Map<string, number>, k: number, indent = "    ") =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, us]) => `${indent}${(us / 1000).toFixed(0).padStart(5)} ms  ${f}`)
      .join("\n");
  const phaseLines = [...perPhase]
    .map(([p, v]) => `    ${p}: ${(v.all / 1000).toFixed(0)} ms, busy ${(v.busy / 1000).toFixed(0)} ms\n${top(v.fns, 8, "      ")}`)
    .join("\n");
  return `  profiled start ${ms.toFixed(0)} ms; self time by script:\n${top(byScript, 12)}\n  inclusive time by function:\n${top(inclusive, 30)}\n  per phase (between the console's marks):\n${phaseLines}`;
}
