import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startStack, type Stack } from "../scripts/stack";
import { startSmtpSink } from "./support/smtp-sink";
import { createTestDatabases } from "./test-databases";
import type { StackInfo } from "./stack-info";

/**
 * Starts a fresh stack for the run on free ports: Synapse (SQLite, or
 * PostgreSQL with TEST_POSTGRES_URL), the app database (PGlite, or
 * PostgreSQL), the production build of the app, the router and the demo page.
 * SYNAPSE_WORKERS=1: Synapse runs as the worker deployment behind nginx (needs TEST_POSTGRES_URL).
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  const workers = process.env.SYNAPSE_WORKERS === "1";
  if (workers && !adminUrl)
    throw new Error("SYNAPSE_WORKERS=1 needs PostgreSQL: set TEST_POSTGRES_URL, or run `npm run test:e2e:workers` (it starts a throwaway one)");
  const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-e2e-"));
  const dbs = adminUrl ? await createTestDatabases(adminUrl) : null;
  // A real local SMTP server for reply emails; the app and the router send to it.
  const mailDir = path.join(dataDir, "mail");
  const smtp = await startSmtpSink(process.cwd(), mailDir, !process.env.E2E_VERBOSE);
  // A widget counts as closed 9 s after its last ping; one reply email per conversation per minute.
  const emailEnv = { ...smtp.env, WIDGET_PRESENCE_TTL_SECONDS: "9", REPLY_EMAIL_WINDOW_MINUTES: "1" };
  const stack = await startStack({
    dataDir,
    appMode: "start",
    databaseUrl: dbs?.appUrl,
    synapsePostgres: dbs?.synapse,
    synapseWorkers: workers,
    // Single sign-on through a real local OIDC provider; e2e/sso.spec.ts adds its people to the users file.
    sso: { usersFile: path.join(dataDir, "oidc-users.json"), name: "Sealdesk ID" },
    quiet: !process.env.E2E_VERBOSE,
    // Long enough for a browser console to accept; the no-show test waits this out.
    routerEnv: { ROUTER_NO_SHOW_MS: "15000", ...emailEnv },
    // Every test visitor comes from 127.0.0.1: limits high enough for the suite (the
    // abuse tests use a site with its own low limit); a quick proof of work.
    appEnv: { VISITOR_POW_BITS: "4", VISITOR_IP_LIMIT_PER_HOUR: "100000", VISITOR_SITE_LIMIT_PER_HOUR: "100000", ...emailEnv },
  });
  const control = await startControlServer(stack);
  const info: StackInfo = {
    appUrl: stack.appUrl,
    demoUrl: stack.demoUrl,
    synapseUrl: stack.synapseUrl,
    databaseUrl: stack.databaseUrl,
    synapseDataDir: stack.synapse.dataDir,
    synapseDatabase: dbs
      ? { kind: "postgres", url: synapseUrlOf(adminUrl!, dbs.synapse.database) }
      : { kind: "sqlite", file: path.join(stack.synapse.dataDir, "homeserver.db") },
    pgliteDir: dbs ? null : path.join(dataDir, "pglite"),
    router: stack.accounts.router,
    admin: { userId: stack.accounts.auditor!.userId, accessToken: stack.accounts.auditor!.accessToken },
    agent: stack.accounts.demoAgent,
    registrationSecret: stack.synapse.registrationSharedSecret,
    metricsToken: stack.env.METRICS_TOKEN ?? "",
    nextauthSecret: stack.env.NEXTAUTH_SECRET ?? "",
    controlUrl: control.url,
    mailDir,
    sso: { issuer: stack.sso!.issuer, name: stack.sso!.name, usersFile: stack.sso!.usersFile },
  };
  process.env.SEALDESK_STACK = JSON.stringify(info);
  process.env.SEALDESK_LOG_DIR = stack.logDir; // for the failure-logs reporter
  console.log(
    `e2e stack: app ${stack.appUrl}, demo ${stack.demoUrl}, synapse ${stack.synapseUrl}${workers ? ` (worker deployment behind nginx, up in ${stack.synapseStartMs} ms)` : ""}, ${dbs ? "PostgreSQL" : "PGlite + SQLite"}`,
  );
  return async () => {
    const idle = workers ? await reportWorkers(stack) : [];
    await control.stop();
    await stack.stop();
    await smtp.proc.stop();
    await dbs?.drop();
    // E2E_KEEP_DATA=1 keeps the stack's files (Synapse's and each worker's logs) to read after a failure.
    if (process.env.E2E_KEEP_DATA) console.log(`e2e stack: data kept in ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
    // A worker that served nothing means the proxy or the layout bypassed it: the run did not test workers.
    if (idle.length) throw new Error(`Synapse workers that served no request during the run: ${idle.join(", ")}`);
  };
}

/** Prints each process's RSS and request count; returns the Synapse processes that served no request. */
async function reportWorkers(stack: Stack): Promise<string[]> {
  const counts = await stack.synapseRequestCounts();
  console.log(
    `e2e stack: RSS after the run (load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}): ${await rssReport(stack.synapseProcesses())}`,
  );
  console.log(
    `e2e stack: requests served: ${Object.entries(counts)
      .map(([n, c]) => `${n} ${c}`)
      .join(", ")}`,
  );
  return Object.entries(counts)
    .filter(([, c]) => c === 0)
    .map(([n]) => n);
}

/**
 * Tests run in worker processes; the stack lives here. This loopback-only
 * server lets a test stop (or SIGKILL) and start router processes, and stop and
 * start Synapse (optionally with the confinement module's plaintext rule off).
 */
async function startControlServer(stack: Stack): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      void (async () => {
        const parsed = (body ? JSON.parse(body) : {}) as { signal?: "SIGTERM" | "SIGKILL"; env?: Record<string, string>; refusePlaintext?: boolean };
        if (req.method === "POST" && req.url === "/router/stop") await stack.stopRouter(parsed.signal ?? "SIGTERM");
        else if (req.method === "POST" && req.url === "/router/start") stack.startRouter(parsed.env ?? {});
        else if (req.method === "POST" && req.url === "/synapse/stop") await stack.stopSynapse();
        else if (req.method === "POST" && req.url === "/sso/stop") await stack.sso?.stop();
        else if (req.method === "POST" && req.url === "/sso/start") await stack.sso?.start();
        else if (req.method === "POST" && req.url === "/synapse/start")
          await stack.startSynapse(parsed.refusePlaintext === false ? { refusePlaintext: false } : {});
        else return res.writeHead(404).end();
        res.writeHead(204).end();
      })().catch((e: Error) => res.writeHead(500).end(e.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

function synapseUrlOf(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** "main 180 MB, client1 120 MB, …" from /proc (Linux), for the worker deployment's report. */
async function rssReport(processes: { name: string; pid: number }[]): Promise<string> {
  const rss = async (pid: number): Promise<string> => {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? `${Math.round(Number(kb) / 1024)} MB` : "?";
  };
  return (await Promise.all(processes.map(async (p) => `${p.name} ${await rss(p.pid)}`))).join(", ");
}
