// CLI: run a dev Synapse until Ctrl-C.
//   tsx synapse/start.ts --data-dir .data/synapse --port 8008 [--relaxed]
//                        [--postgres-url postgres://user:pass@host:5432/db] [--workers]
// --workers: the worker deployment (needs --postgres-url); --port is then nginx's.
import { parseArgs } from "node:util";
import { freePort } from "../scripts/processes.js";
import { ensureSynapseInstalled, parsePostgresUrl, startSynapse, type SynapseOptions } from "./synapse-process.js";
import { allocateWorkerPorts, startSynapseWorkers } from "./worker-deployment.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    port: { type: "string" },
    "postgres-url": { type: "string" },
    relaxed: { type: "boolean", default: false },
    workers: { type: "boolean", default: false },
  },
});
const dataDir = values["data-dir"];
const port = Number(values.port);
if (!dataDir || !Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error("usage: start.ts --data-dir DIR --port PORT [--relaxed] [--postgres-url postgres://user:pass@host:port/db]");
  process.exit(2);
}

await ensureSynapseInstalled();
const synapseOpts: SynapseOptions = {
  dataDir,
  port,
  relaxedRateLimits: values.relaxed,
  ...(values["postgres-url"] ? { postgres: parsePostgresUrl(values["postgres-url"]) } : {}),
};
const startedAt = Date.now();
const workers = values.workers ? await startSynapseWorkers(synapseOpts, await allocateWorkerPorts(port, freePort)) : undefined;
const synapse = workers ?? (await startSynapse(synapseOpts));
console.log(`Synapse running at ${synapse.baseUrl} (pid ${synapse.pid}, log ${synapse.logFile}), started in ${Date.now() - startedAt} ms`);
for (const p of workers?.processes() ?? []) console.log(`  ${p.name}: pid ${p.pid}`);

const shutdown = (signal: string) => {
  console.log(`${signal}: stopping Synapse`);
  synapse.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));
