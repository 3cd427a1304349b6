// Starts Synapse as a worker deployment on one machine: Redis, the main process, the
// workers of synapse/workers/layout.ts and nginx routing by path in front of them. Clients
// get the proxy's URL, exactly as they get the monolith's. Needs PostgreSQL (workers share it).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { access, chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { logConfig, prepareSynapseConfig, runningFields, spawnSynapse, type RunningSynapse, type SynapseChild, type SynapseOptions } from "./synapse-process";
import { defaultLayout, mainProcessConfig, sharedWorkerConfig, toYaml, workerConfig, type Endpoint, type WorkerLayout } from "./workers/layout";
import { nginxConfig } from "./workers/nginx";

/** Ports of every listener, chosen once so that a restart keeps the URLs clients hold. */
export type WorkerPorts = { proxy: number; redis: number; listeners: Record<string, number> };

export type RunningWorkerDeployment = RunningSynapse & {
  layout: WorkerLayout;
  /** Every process by name (main, each worker, redis, nginx) with its pid, for measurements. */
  processes(): { name: string; pid: number }[];
  /** HTTP requests each Synapse process has served so far (client requests through nginx, replication calls), from its log. */
  requestCounts(): Promise<Record<string, number>>;
};

const LOOPBACK = "127.0.0.1";
const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** The listeners the default layout needs, as names for `WorkerPorts.listeners`. */
export function listenerNames(): string[] {
  const names: string[] = [];
  defaultLayout((name, kind) => (names.push(`${name}.${kind}`), { host: LOOPBACK, port: 0 }), { host: LOOPBACK, port: 0 });
  return names;
}

/** The default layout on loopback, on the given ports. */
export function localLayout(ports: WorkerPorts): WorkerLayout {
  const at = (name: string, kind: string): Endpoint => {
    const port = ports.listeners[`${name}.${kind}`];
    if (port === undefined) throw new Error(`no port for ${name}.${kind}`);
    return { host: LOOPBACK, port };
  };
  return defaultLayout(at, { host: LOOPBACK, port: ports.redis });
}

// A plain child process (redis, nginx) stopped by SIGTERM, then SIGKILL.
function startPlain(command: string, args: string[], cwd: string): { child: ChildProcess; output: () => string; stop(): Promise<void> } {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const capture = (d: Buffer): void => void (out = (out + d.toString()).slice(-8192));
  child.stdout?.on("data", capture);
  child.stderr?.on("data", capture);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 8000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, alive: () => string | undefined, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = alive();
    if (dead) throw new Error(`${what} exited: ${dead}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const redisUp = async (port: number): Promise<boolean> => {
  const { createConnection } = await import("node:net");
  return new Promise((resolve) => {
    const s = createConnection({ host: LOOPBACK, port }, () => s.write("PING\r\n"));
    s.once("data", (d) => (s.destroy(), resolve(d.toString().startsWith("+PONG"))));
    s.once("error", () => resolve(false));
  });
};

async function writeWorkerFiles(dir: string, layout: WorkerLayout): Promise<{ shared: string; main: string; workers: Record<string, string> }> {
  const secretFile = path.join(dir, "replication-secret");
  if (!(await exists(secretFile))) await writeFile(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  const secret = (await readFile(secretFile, "utf8")).trim();
  const shared = path.join(dir, "workers-shared.yaml");
  await writeFile(shared, toYaml(sharedWorkerConfig(layout, secret), "Worker settings shared by every process (synapse/worker-deployment.ts)."), {
    mode: 0o600,
  });
  await chmod(shared, 0o600); // holds the replication secret
  const main = path.join(dir, "main-process.yaml");
  await writeFile(main, toYaml(mainProcessConfig(layout), "The main process's listeners."));
  const workers: Record<string, string> = {};
  for (const w of layout.workers) {
    const logCfg = path.join(dir, `${w.name}.log.config`);
    await writeFile(logCfg, logConfig(path.join(dir, `${w.name}.log`)));
    workers[w.name] = path.join(dir, `${w.name}.yaml`);
    await writeFile(workers[w.name]!, toYaml(workerConfig(w, logCfg), `Worker ${w.name}: ${w.roles.join(", ")}.`));
  }
  return { shared, main, workers };
}

/**
 * Starts the whole deployment; `opts.port` is ignored in favour of `ports.proxy`, the one URL
 * clients use. `opts.postgres` is required: SQLite cannot be shared between processes.
 */
export async function startSynapseWorkers(opts: SynapseOptions, ports: WorkerPorts): Promise<RunningWorkerDeployment> {
  if (!opts.postgres)
    throw new Error(
      "The Synapse worker deployment needs PostgreSQL (workers share one database): set TEST_POSTGRES_URL, or run it through scripts/with-postgres.sh",
    );
  const proxyUrl = `http://${LOOPBACK}:${ports.proxy}`;
  const layout = localLayout(ports);
  const started: { name: string; pid: number; stop(): Promise<void> }[] = [];
  const stopAll = async (): Promise<void> => {
    // Proxy first (no new requests), then workers, main, and Redis last.
    for (const p of [...started].reverse()) await p.stop().catch(() => {});
    started.length = 0;
  };
  try {
    const prep = await prepareSynapseConfig({ ...opts, port: layout.main.http.port, publicBaseUrl: `${proxyUrl}/` });
    const dir = path.join(prep.dataDir, "workers");
    await mkdir(dir, { recursive: true });

    const redis = startPlain(
      "redis-server",
      ["--port", String(ports.redis), "--bind", LOOPBACK, "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
      dir,
    );
    started.push({ name: "redis", pid: redis.child.pid ?? -1, stop: redis.stop });
    await waitFor(
      () => redisUp(ports.redis),
      "redis-server",
      () => (redis.child.exitCode !== null ? `code ${redis.child.exitCode}: ${redis.output()}` : undefined),
    );

    const files = await writeWorkerFiles(dir, layout);
    const base = ["-c", prep.configFile, "-c", files.shared];
    const main = await spawnSynapse({
      app: "synapse.app.homeserver",
      args: [...base, "-c", files.main],
      cwd: prep.dataDir,
      logFile: prep.logFile,
      readyUrl: `http://${LOOPBACK}:${layout.main.http.port}/health`,
      timeoutMs: opts.startTimeoutMs,
      what: "Synapse main process",
    });
    started.push({ name: "main", pid: main.pid, stop: main.stop });

    // Workers start in parallel once the main process has the schema ready.
    const workers = await Promise.allSettled(
      layout.workers.map(async (w) => {
        const port = (w.http ?? w.replication).port;
        const child: SynapseChild = await spawnSynapse({
          app: "synapse.app.generic_worker",
          args: [...base, "-c", files.workers[w.name]!],
          cwd: prep.dataDir,
          logFile: path.join(dir, `${w.name}.log`),
          readyUrl: `http://${LOOPBACK}:${port}/health`,
          timeoutMs: opts.startTimeoutMs,
          what: `Synapse worker ${w.name}`,
        });
        started.push({ name: w.name, pid: child.pid, stop: child.stop });
      }),
    );
    const failed = workers.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;

    const runDir = path.join(dir, "nginx");
    await mkdir(runDir, { recursive: true });
    const nginxConf = path.join(runDir, "nginx.conf");
    await writeFile(
      nginxConf,
      nginxConfig(layout, { listen: { host: LOOPBACK, port: ports.proxy }, runDir, foreground: true, errorLog: path.join(runDir, "error.log") }),
    );
    // -e: nginx opens its compiled-in error log before reading the config; point it here too.
    const nginx = startPlain(nginxBinary(), ["-p", runDir, "-c", nginxConf, "-e", path.join(runDir, "error.log")], runDir);
    started.push({ name: "nginx", pid: nginx.child.pid ?? -1, stop: nginx.stop });
    // /health (main, not logged): a readiness probe must not count as a request a worker served.
    await waitFor(
      async () => (await fetch(`${proxyUrl}/health`, { signal: AbortSignal.timeout(2000) })).ok,
      "nginx",
      () => (nginx.child.exitCode !== null ? `code ${nginx.child.exitCode}: ${nginx.output()}` : undefined),
    );

    return {
      ...runningFields(prep, proxyUrl, main.pid),
      layout,
      processes: () => started.map(({ name, pid }) => ({ name, pid })),
      requestCounts: async () => {
        const logs: [string, string][] = [["main", prep.logFile], ...layout.workers.map((w): [string, string] => [w.name, path.join(dir, `${w.name}.log`)])];
        // Synapse's access logger writes one "Processed request" line per request at INFO.
        const count = async (file: string): Promise<number> => (await readFile(file, "utf8").catch(() => "")).split("Processed request").length - 1;
        return Object.fromEntries(await Promise.all(logs.map(async ([name, file]) => [name, await count(file)] as const)));
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Debian installs nginx in /usr/sbin, which is not on an unprivileged user's PATH. */
function nginxBinary(): string {
  return existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
}

/** Picks a port for every listener of the default layout (and Redis) with `free`; the proxy keeps `proxyPort`. */
export async function allocateWorkerPorts(proxyPort: number, free: () => Promise<number>): Promise<WorkerPorts> {
  const listeners: Record<string, number> = {};
  const taken = new Set([proxyPort]);
  const next = async (): Promise<number> => {
    // free() releases the port before we use it: never hand out the same one twice.
    for (;;) {
      const p = await free();
      if (!taken.has(p)) return (taken.add(p), p);
    }
  };
  for (const name of listenerNames()) listeners[name] = await next();
  return { proxy: proxyPort, redis: await next(), listeners };
}
