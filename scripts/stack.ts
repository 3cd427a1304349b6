import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROUTER_NODE_FLAGS } from "../bot/node-flags";
import { migrateDatabase } from "../drizzle/migrate";
import { ensureSynapseInstalled, startSynapse, type RunningSynapse, type SynapseOptions } from "../synapse/synapse-process";
import { allocateWorkerPorts, startSynapseWorkers, type RunningWorkerDeployment } from "../synapse/worker-deployment";
import { buildWidget } from "../widget/build";
import { bootstrap, type StackAccounts } from "./bootstrap";
import { startDemoHost } from "./demo-host";
import { startPglite } from "./pglite";
import { freePort, startProcess, waitForHttp, type Managed } from "./processes";
import { ensureVapidKeys } from "./vapid-keys";
import { startStackSso, type StackSso, type StackSsoOptions } from "./stack-sso";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type StackOptions = {
  dataDir: string;
  /** "dev": next dev with hot reload; "start": the production build (`next build` first). */
  appMode: "dev" | "start";
  ports?: Partial<Record<"app" | "synapse" | "db" | "demo", number>>;
  /** Use this PostgreSQL for the app instead of the embedded PGlite. */
  databaseUrl?: string;
  /** Run Synapse on this PostgreSQL database instead of SQLite. */
  synapsePostgres?: SynapseOptions["postgres"];
  /** Run Synapse as the worker deployment (synapse/worker-deployment.ts) behind nginx; needs `synapsePostgres`. */
  synapseWorkers?: boolean;
  /** Silence child process output (tests). */
  quiet?: boolean;
  /** Extra router settings (ROUTER_NO_SHOW_MS…). */
  routerEnv?: Record<string, string>;
  /** Extra app settings (VISITOR_POW_BITS, VISITOR_IP_LIMIT_PER_HOUR…). */
  appEnv?: Record<string, string>;
  /** The demo page's snippet carries this organisation key unless a page asks for another (`npm run dev`; the e2e stack has none). */
  demoOrgKey?: string;
  /** Single sign-on through the development OIDC provider (scripts/stack-sso.ts). */
  sso?: StackSsoOptions;
};

export type Stack = {
  appUrl: string;
  demoUrl: string;
  /** Where the app's and routers' output is kept. */
  logDir: string;
  synapseUrl: string;
  databaseUrl: string;
  synapse: RunningSynapse;
  /** Synapse's processes (main, workers, Redis, nginx) when it runs as the worker deployment. */
  synapseProcesses(): { name: string; pid: number }[];
  /** Requests each Synapse process served (worker deployment only; empty for the monolith). */
  synapseRequestCounts(): Promise<Record<string, number>>;
  /** How long Synapse took to answer (the whole worker deployment, with `synapseWorkers`). */
  synapseStartMs: number;
  accounts: StackAccounts;
  /** Starts a router process (again, or a second one), with extra settings. */
  startRouter(extraEnv?: Record<string, string>): void;
  /** The running router processes' ids (benchmarks read their memory). */
  routerPids(): number[];
  /** Stops every router process: SIGTERM, or SIGKILL to simulate a crash. */
  stopRouter(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Stops Synapse (tests of a homeserver outage); startSynapse brings it back on the same data and port. */
  stopSynapse(): Promise<void>;
  /** `refusePlaintext: false` plays a hostile admin who turned the module's plaintext rule off (until the next start). */
  startSynapse(overrides?: Pick<SynapseOptions, "refusePlaintext">): Promise<void>;
  /** Environment the processes run with (for tests that start another router). */
  env: Record<string, string | undefined>;
  /** The development OIDC provider, when `sso` was asked for. */
  sso?: StackSso;
  stop(): Promise<void>;
};

/** Brings up the whole product on this machine: database, Synapse, app, router, demo host page. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    await mkdir(opts.dataDir, { recursive: true });
    const port = async (k: "app" | "synapse" | "db" | "demo"): Promise<number> => opts.ports?.[k] ?? (await freePort());
    const [appPort, synapsePort, demoPort] = [await port("app"), await port("synapse"), await port("demo")];
    // "localhost", not 127.0.0.1: the chat frame's passkeys (a known customer's history backup) need
    // a domain as WebAuthn relying party, and browsers refuse an IP address ("invalid domain").
    // The app still listens on 127.0.0.1 (-H below); browsers and Node try both loopback families.
    // The demo host page is on localhost too (scripts/demo-host.ts): same site as the frame.
    const appUrl = `http://localhost:${appPort}`;

    await ensureSynapseInstalled();
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      const pg = await startPglite(path.join(opts.dataDir, "pglite"), await port("db"), opts.quiet ?? false);
      stops.push(() => pg.process.stop());
      databaseUrl = pg.url;
    }
    await migrateDatabase(databaseUrl);

    const sso = opts.sso ? await startStackSso(opts.sso, `http://127.0.0.1:${synapsePort}`, appUrl) : undefined;
    if (sso) stops.push(() => sso.stop());
    const synapseOpts = {
      dataDir: path.join(opts.dataDir, "synapse"),
      port: synapsePort,
      relaxedRateLimits: true,
      postgres: opts.synapsePostgres,
      oidc: sso?.synapse,
    };
    // Workers: every listener's port is chosen once, so a restart keeps the proxy's URL and the layout.
    const workerPorts = opts.synapseWorkers ? await allocateWorkerPorts(synapsePort, freePort) : undefined;
    let workers: RunningWorkerDeployment | undefined;
    const launch = async (o: SynapseOptions): Promise<RunningSynapse> =>
      workerPorts ? (workers = await startSynapseWorkers(o, workerPorts)) : startSynapse(o);
    const startedAt = Date.now();
    let synapse = await launch(synapseOpts);
    const synapseStartMs = Date.now() - startedAt;
    stops.push(() => synapse.stop());
    // Same data, port and secrets: clients see a homeserver restart.
    const stopSynapse = (): Promise<void> => synapse.stop();
    const startSynapseAgain = async (overrides: Pick<SynapseOptions, "refusePlaintext"> = {}): Promise<void> => {
      synapse = await launch({ ...synapseOpts, ...overrides });
    };

    const demo = await startDemoHost(demoPort, appUrl, opts.demoOrgKey);
    stops.push(() => demo.stop());
    const accounts = await bootstrap({
      dataDir: opts.dataDir,
      synapseUrl: synapse.baseUrl,
      sharedSecret: synapse.registrationSharedSecret,
      databaseUrl,
      demoOrigin: demo.url,
    });
    await buildWidget();

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SYNAPSE_URL: synapse.baseUrl,
      SYNAPSE_PUBLIC_URL: synapse.baseUrl,
      SYNAPSE_REGISTRATION_SECRET: synapse.registrationSharedSecret,
      // The app registers visitors through the application service (no bcrypt); never sent to a browser.
      SYNAPSE_APPSERVICE_TOKEN: synapse.appServiceToken,
      ROUTER_USER_ID: accounts.router.userId,
      ROUTER_ACCESS_TOKEN: accounts.router.accessToken,
      SYNAPSE_ADMIN_TOKEN: accounts.auditor?.accessToken,
      NEXTAUTH_URL: appUrl,
      // The router's reply emails link to the app (unsubscribe); unused while SMTP_HOST is unset.
      APP_PUBLIC_URL: appUrl,
      NEXTAUTH_SECRET: synapse.registrationSharedSecret + "-nextauth",
      ROUTING_TICKET_SECRET: synapse.routingTicketSecret,
      METRICS_TOKEN: `${synapse.registrationSharedSecret}-metrics`,
      INTEGRATIONS_KEY: `${synapse.registrationSharedSecret}-integrations`,
      WEBHOOK_ALLOW_LOCAL_HTTP: "true",
      // Web Push: the stack's own VAPID keys; tests receive pushes on a local http endpoint.
      ...(await ensureVapidKeys(opts.dataDir)),
      PUSH_ALLOW_LOCAL_HTTP: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const nextBin = path.join(root, "node_modules/next/dist/bin/next");
    const logs = path.join(opts.dataDir, "logs");
    await mkdir(logs, { recursive: true });
    const app = startProcess("app", process.execPath, [nextBin, opts.appMode, "-p", String(appPort), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...env, ...sso?.appEnv, ...opts.appEnv },
      quiet: opts.quiet,
      logFile: path.join(logs, "app.log"),
    });
    stops.push(() => app.stop());

    // In the router's own process (tsx as a loader), not under tsx's CLI, which runs the script in a
    // child process: a SIGKILL (the crash test, or stop()'s escalation) then reached only the CLI and
    // left the real router running, unseen, beside the next one (it kicked a later test's members).
    let routers: Managed[] = [];
    const startRouter = (extraEnv: Record<string, string> = {}): void => {
      routers.push(
        startProcess(`router${routers.length ? routers.length + 1 : ""}`, process.execPath, [...ROUTER_NODE_FLAGS, "--import", "tsx", "bot/main.ts"], {
          cwd: root,
          env: { ...env, ...opts.routerEnv, ...extraEnv },
          quiet: opts.quiet,
          logFile: path.join(logs, "router.log"),
        }),
      );
    };
    const stopRouter = async (signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> => {
      await Promise.all(routers.map((r) => (signal === "SIGKILL" ? r.kill() : r.stop())));
      routers = [];
    };
    startRouter();
    stops.push(stopRouter);

    await waitForHttp(`${appUrl}/login`, 180_000, "The Next.js app", () => app.child.exitCode === null);
    return {
      appUrl,
      logDir: logs,
      demoUrl: demo.url,
      synapseUrl: synapse.baseUrl,
      databaseUrl,
      synapse,
      synapseProcesses: () => workers?.processes() ?? [{ name: "synapse", pid: synapse.pid }],
      synapseRequestCounts: async () => (workers ? workers.requestCounts() : {}),
      synapseStartMs,
      accounts,
      startRouter,
      routerPids: () => routers.flatMap((r) => (r.child.pid === undefined ? [] : [r.child.pid])),
      stopRouter,
      stopSynapse,
      startSynapse: startSynapseAgain,
      env,
      sso,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
