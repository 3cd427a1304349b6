// `npm run bench:load`: live conversations ramped on the monolith, then on the worker
// deployment, on this machine (see docs/budgets.md, "bench:load"). Knobs (env):
// BENCH_LOAD_RATE arrivals/s (2), BENCH_LOAD_MAX live (1000), BENCH_LOAD_STEP live per level
// (100), BENCH_LOAD_HOLD_S per level (60), BENCH_LOAD_MINUTES cap per deployment (20),
// BENCH_LOAD_CRYPTO conversations with real crypto (20), BENCH_LOAD_CAPACITY per agent (10),
// BENCH_LOAD_LEVELS explicit levels ("25,50,100,…", instead of the step), BENCH_LOAD_DEPLOYMENTS ("monolith,workers"; "plain" is
// the floor: Synapse alone, no Sealdesk part, see plain-deployment.ts), BENCH_POW_BITS (the app's default).
// BENCH_LOAD_END_BY (HH:MM UTC) caps the whole run. Needs PostgreSQL: BENCH_POSTGRES_URL or TEST_POSTGRES_URL (the npm script starts one).
import { loadavg } from "node:os";
import { quietSdkRootLogger } from "../../e2e/support/quiet-sdk-logger";
import { startDeployment, type Kind } from "./deployment";
import { floorComparison } from "./floor-compare";
import { syncStats } from "./light-client";
import { reportDeployment, reportSideBySide, type Outcome } from "./report";
import { plainPopulation } from "./plain-population";
import { startPlainDeployment } from "./plain-deployment";
import { runRamp, type LoadConfig } from "./ramp-run";
import { sealdeskPopulation } from "./sealdesk-population";

// The crypto sample's clients log every send through matrix-js-sdk's global logger: errors only.
quietSdkRootLogger("error");

const env = (k: string, d: number): number => Number(process.env[k] ?? d);
const cfg: LoadConfig = {
  levels: process.env.BENCH_LOAD_LEVELS?.split(",").map(Number),
  rate: env("BENCH_LOAD_RATE", 2),
  maxLive: env("BENCH_LOAD_MAX", 1000),
  step: env("BENCH_LOAD_STEP", 100),
  holdMs: env("BENCH_LOAD_HOLD_S", 60) * 1000,
  capMs: env("BENCH_LOAD_MINUTES", 20) * 60_000,
  crypto: env("BENCH_LOAD_CRYPTO", 20),
  capacity: env("BENCH_LOAD_CAPACITY", 10),
  budgetMs: 1000,
};
const kinds = (process.env.BENCH_LOAD_DEPLOYMENTS ?? "monolith,workers").split(",") as Kind[];
const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (!adminUrl) throw new Error("bench:load needs PostgreSQL: set BENCH_POSTGRES_URL (an admin URL) or run it through scripts/with-postgres.sh");
const la = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const stamp = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

console.log(
  `bench:load: ${kinds.join(" then ")}; arrivals ${cfg.rate}/s, levels ${cfg.levels?.join(", ") ?? `of ${cfg.step} up to ${cfg.maxLive}`} live, hold ${cfg.holdMs / 1000} s, cap ${cfg.capMs / 60_000} min each; ` +
    `${cfg.crypto} conversations with real Olm/Megolm (matrix-js-sdk + crypto-wasm; none on the plain floor), the rest light clients sending m.room.encrypted events of a real message's size WITHOUT Olm ("opaque"); ` +
    `agents of capacity ${cfg.capacity}; visitors write every 20-40 s, agents reply 2-5 s after each message; latency = send started -> the other side's sync has it (crypto: decrypted). Load average before: ${la()}`,
);
const outcomes: Outcome[] = [];
for (const [i, kind] of kinds.entries()) {
  // BENCH_LOAD_END_BY (HH:MM UTC): the run ends by then, each remaining deployment getting an equal share (3 min of it to start and stop).
  const endBy = process.env.BENCH_LOAD_END_BY ? Date.parse(`${new Date().toISOString().slice(0, 10)}T${process.env.BENCH_LOAD_END_BY}:00Z`) : Infinity;
  const share = (endBy - Date.now()) / (kinds.length - i) - 180_000;
  const capMs = Math.min(cfg.capMs, share);
  stamp(
    `${kind}: ramp capped at ${(capMs / 60_000).toFixed(1)} min; starting the stack (PostgreSQL${kind === "workers" ? ", Redis, workers behind nginx" : kind === "plain" ? ", Synapse alone: no app, router nor confinement module" : ""})…`,
  );
  syncStats.completed = syncStats.failed = 0;
  const log = (l: string): void => stamp(`${kind}: ${l}`);
  if (kind === "plain") {
    // The floor has no crypto sample (its clients need the app): every conversation is a light one.
    const floorCfg = { ...cfg, capMs, crypto: 0 };
    const d = await startPlainDeployment(adminUrl);
    await report(kind, () => runRamp(d, floorCfg, log, (run) => plainPopulation(d, floorCfg, run))).finally(() => d.close());
  } else {
    const d = await startDeployment(kind, adminUrl, process.env.BENCH_POW_BITS);
    await report(kind, () => runRamp(d, { ...cfg, capMs }, log, (run) => sealdeskPopulation(d, cfg, run))).finally(() => d.close());
  }
}

/** Runs one deployment's ramp and prints its report. */
async function report(kind: Kind, ramp: () => ReturnType<typeof runRamp>): Promise<void> {
  const o = { kind, ...(await ramp()) };
  outcomes.push(o);
  console.log(reportDeployment(o, cfg.budgetMs).join("\n"));
  console.log(`  syncs failed (retried after 1 s): ${syncStats.failed}`);
}

const floor = outcomes.find((o) => o.kind === "plain");
if (floor)
  console.log(
    floorComparison(
      floor,
      outcomes.filter((o) => o !== floor),
    ).join("\n"),
  );
console.log([...reportSideBySide(outcomes), `load average after: ${la()}`].join("\n"));
