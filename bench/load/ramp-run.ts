// One deployment's ramp: conversations arrive at a rate up to each level of live
// conversations, the level is held while everyone writes, and the ramp stops at the first
// level whose p95 message latency passes the budget (or at the maximum, or the time cap).
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { usageBetween, type Observed } from "./deployment";
import { createLedger, type SentMessage } from "./ledger";
import type { Assignments } from "./light-agents";
import { syncStats } from "./light-client";
import type { Arrival, Run } from "./light-visitors";
import { judgeStep, levelMs, rampTargets, shouldContinue, type StepVerdict } from "./ramp";

export type LoadConfig = {
  /** Explicit levels of live conversations (else every `step` up to `maxLive`). */
  levels?: number[];
  rate: number;
  maxLive: number;
  step: number;
  holdMs: number;
  capMs: number;
  crypto: number;
  capacity: number;
  budgetMs: number;
};

export type Level = StepVerdict & {
  live: number;
  crypto: StepVerdict;
  opaque: StepVerdict;
  arrivalS: number;
  usage: ReturnType<typeof usageBetween>;
  syncsPerS: number;
  eventsPerS: number;
  load: string;
  sizes: { synapse: number; app: number };
  messagesSoFar: number;
  /** The load generator's own event-loop delay over the hold (ms): a late loop would inflate the latencies it measures. */
  loopDelay: { p99: number; max: number };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/**
 * Who takes part in a ramp: Sealdesk's real flow (sealdesk-population.ts) or the plain floor
 * (plain-population.ts). `live` conversations (the crypto sample) are live once it is made.
 */
export type Population = {
  live: number;
  errors: string[];
  /** Before a level's arrivals, outside the measured window: agents (and for the floor, accounts). */
  prepareLevel(target: number): Promise<void>;
  /** One conversation through to its agent joined; it then writes until the run stops. */
  conversation(): Promise<Arrival>;
  agents(): number;
  stop(): Promise<void>;
};

/** Runs the ramp on a started deployment and returns every level's figures, the arrivals and the final accounting. */
export async function runRamp(d: Observed, cfg: LoadConfig, log: (line: string) => void, populate: (run: Run) => Promise<Population>) {
  const startedAt = performance.now();
  const ledger = createLedger();
  const assignments: Assignments = { agentOf: new Map(), invitedSeenAt: new Map(), joinedAt: new Map() };
  let step = 0;
  let stopped = false;
  const run: Run = { ledger, assignments, step: () => step, stopped: () => stopped };
  const arrivals: Arrival[] = [];
  const sizes0 = await d.sizes();
  if (cfg.crypto > 0) log(`crypto sample: ${cfg.crypto} conversations with real Olm/Megolm…`);
  const people = await populate(run);
  let live = people.live;
  let arrivalErrors = people.errors.length;
  const firstErrors = people.errors.slice(0, 2);
  const levels: Level[] = [];
  const targets = (cfg.levels ?? rampTargets(cfg.step, cfg.maxLive)).filter((t) => t > cfg.crypto);
  for (const [i, target] of targets.entries()) {
    step = i + 1;
    await people.prepareLevel(target);
    const a0 = performance.now();
    live += await arrive(target - live, cfg.rate, () =>
      people.conversation().then(
        (a) => void arrivals.push(a),
        (e: Error) => void (arrivalErrors++, firstErrors.length < 5 && firstErrors.push(e.message)),
      ),
    );
    const arrivalS = (performance.now() - a0) / 1000;
    const level = await holdLevel(d, cfg, run, live, arrivalS);
    levels.push(level);
    log(levelLine(level, arrivalErrors));
    const next = targets[i + 1];
    if (!shouldContinue(level, next, cfg.capMs - (performance.now() - startedAt), levelMs(live, next ?? live, cfg.rate, cfg.holdMs))) break;
  }
  stopped = true;
  const drained = await drain(ledger);
  const final = ledger.summary(performance.now());
  const missing = ledger.missing();
  const agents = people.agents();
  await people.stop();
  const sizes1 = await d.sizes(8);
  return { levels, arrivals, arrivalErrors, firstErrors, final, lost: missing.length, drained, sizes0, sizes1, agents, live };
}

/** Starts `n` conversations at `rate` a second (at most 30 starting at once); resolves with how many went live. */
async function arrive(n: number, rate: number, start: () => Promise<void>): Promise<number> {
  let inFlight = 0;
  let ok = 0;
  const all: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    while (inFlight >= 30) await sleep(50);
    inFlight++;
    all.push(
      start().then(
        () => void (inFlight--, ok++),
        () => void inFlight--,
      ),
    );
    await sleep(1000 / rate);
  }
  await Promise.all(all);
  return ok;
}

/** Holds a level: usage and message latencies over the hold, judged a few seconds after it. */
async function holdLevel(d: Observed, cfg: LoadConfig, run: Run, live: number, arrivalS: number): Promise<Level> {
  const s0 = await d.snapshot();
  const syncs0 = syncStats.completed;
  const sent0 = run.ledger.summary(performance.now()).sent;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const h0 = performance.now();
  await sleep(cfg.holdMs);
  const h1 = performance.now();
  loop.disable();
  const s1 = await d.snapshot();
  const syncs1 = syncStats.completed;
  const sentAll = run.ledger.summary(h1).sent;
  await sleep(5000); // deliveries of the hold's last messages
  const inHold = (m: SentMessage): boolean => m.sentAt >= h0 && m.sentAt < h1;
  const now = performance.now();
  const judge = (pick: (m: SentMessage) => boolean) => judgeStep(run.ledger.summary(now, (m) => inHold(m) && pick(m)).latencies, cfg.budgetMs);
  const holdS = (h1 - h0) / 1000;
  return {
    ...judge(() => true),
    live,
    crypto: judge((m) => m.crypto),
    opaque: judge((m) => !m.crypto),
    arrivalS,
    usage: usageBetween(s0, s1),
    syncsPerS: (syncs1 - syncs0) / holdS,
    eventsPerS: (sentAll - sent0) / holdS,
    load: load(),
    sizes: await d.sizes(),
    messagesSoFar: sentAll,
    loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
  };
}

/** Waits up to 60 s for every sent message to be received (senders stopped); true if all were. */
async function drain(ledger: ReturnType<typeof createLedger>): Promise<boolean> {
  await sleep(6000); // replies scheduled 2-5 s after the last visitor messages
  const deadline = performance.now() + 60_000;
  while (ledger.missing().length > 0 && performance.now() < deadline) await sleep(500);
  return ledger.missing().length === 0;
}

function levelLine(l: Level, arrivalErrors: number): string {
  const cpu = l.usage.groups.map((g) => `${g.name} ${g.cpu.toFixed(0)}%/${g.rssMiB.toFixed(0)}M`).join(", ");
  return (
    `live=${l.live} (arrivals ${l.arrivalS.toFixed(0)} s, errors so far ${arrivalErrors}): p50 ${l.p50.toFixed(0)} p95 ${l.p95.toFixed(0)} p99 ${l.p99.toFixed(0)} ms n=${l.n} ` +
    `[crypto p95 ${l.crypto.p95.toFixed(0)} n=${l.crypto.n}] ${l.pass ? "PASS" : "FAIL"}; ${l.eventsPerS.toFixed(1)} msg/s, ${l.syncsPerS.toFixed(0)} syncs/s; ` +
    `machine ${l.usage.machineBusyPct.toFixed(0)}% busy, load ${l.load}; load generator's event-loop delay p99 ${l.loopDelay.p99.toFixed(0)} max ${l.loopDelay.max.toFixed(0)} ms; ${cpu}`
  );
}
