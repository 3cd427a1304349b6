// Starts and stops a real Synapse homeserver for development and tests.
// Paths are resolved from this file, so callers may run from any cwd.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, writeFile, access } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type SynapseOptions = {
  dataDir: string;
  port: number;
  host?: string; // default 127.0.0.1
  serverName?: string; // default "localhost"
  publicBaseUrl?: string;
  postgres?: { host: string; port: number; user: string; password: string; database: string };
  relaxedRateLimits?: boolean;
  startTimeoutMs?: number; // default 120000
};

export type RunningSynapse = {
  baseUrl: string;
  serverName: string;
  registrationSharedSecret: string;
  dataDir: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
};

type Secrets = { registrationSharedSecret: string; macaroonSecretKey: string; formSecret: string };

const SYNAPSE_DIR = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = path.join(SYNAPSE_DIR, ".venv", "bin", "python");

// Every rc_* limiter Synapse 1.163 reads (synapse/config/ratelimiting.py),
// except rc_federation, which is irrelevant without a federation listener.
const RATE_LIMIT_KEYS = [
  "rc_message", "rc_registration", "rc_registration_token_validity",
  "rc_login.address", "rc_login.account", "rc_login.failed_attempts",
  "rc_admin_redaction", "rc_joins.local", "rc_joins.remote", "rc_joins_per_room",
  "rc_key_requests", "rc_3pid_validation",
  "rc_invites.per_room", "rc_invites.per_user", "rc_invites.per_issuer",
  "rc_third_party_invite", "rc_media_create", "rc_presence.per_user",
  "rc_delayed_event_mgmt", "rc_room_creation", "rc_reports", "rc_user_directory", "rc_profile",
];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const exists = (p: string) => access(p).then(() => true, () => false);
// Escapes a value for use inside a YAML double-quoted scalar (JSON escapes are valid YAML).
const q = (s: string) => JSON.stringify(s).slice(1, -1);

/** Runs synapse/install.sh (creates the venv on first use; instant afterwards). */
export async function ensureSynapseInstalled(): Promise<void> {
  const script = path.join(SYNAPSE_DIR, "install.sh");
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn("bash", [script], { stdio: "inherit" });
    child.once("error", (err) => resolve(err.message));
    child.once("exit", (c, sig) => resolve(c ?? `signal ${sig ?? "?"}`));
  });
  if (code !== 0) throw new Error(`Synapse install failed: ${script} ended with ${code} (see its output above)`);
}

async function loadOrCreateSecrets(file: string): Promise<Secrets> {
  if (await exists(file)) {
    const raw: unknown = JSON.parse(await readFile(file, "utf8"));
    const r = raw as Partial<Record<keyof Secrets, unknown>>;
    if (typeof r.registrationSharedSecret === "string" && typeof r.macaroonSecretKey === "string" && typeof r.formSecret === "string") {
      return { registrationSharedSecret: r.registrationSharedSecret, macaroonSecretKey: r.macaroonSecretKey, formSecret: r.formSecret };
    }
    throw new Error(`${file} is malformed; delete it to regenerate the Synapse secrets`);
  }
  const gen = () => randomBytes(32).toString("base64url");
  const secrets: Secrets = { registrationSharedSecret: gen(), macaroonSecretKey: gen(), formSecret: gen() };
  await writeFile(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  return secrets;
}

function databaseBlock(opts: SynapseOptions, dataDir: string): string {
  const pg = opts.postgres;
  if (!pg) return `database:\n  name: sqlite3\n  args:\n    database: "${q(path.join(dataDir, "homeserver.db"))}"`;
  return [
    "database:", "  name: psycopg2", "  args:",
    `    user: "${q(pg.user)}"`, `    password: "${q(pg.password)}"`,
    `    host: "${q(pg.host)}"`, `    port: ${pg.port}`, `    database: "${q(pg.database)}"`,
    "    cp_min: 1", "    cp_max: 5",
  ].join("\n");
}

// Nested YAML for dotted keys, e.g. rc_login: {address: {...}}.
function rateLimitsBlock(relaxed: boolean): string {
  if (!relaxed) return "";
  const tree = new Map<string, string[]>();
  for (const key of RATE_LIMIT_KEYS) {
    const [top, sub] = key.split(".") as [string, string | undefined];
    tree.set(top, [...(tree.get(top) ?? []), ...(sub ? [sub] : [])]);
  }
  const lim = (indent: string) => `${indent}per_second: 1000\n${indent}burst_count: 1000`;
  const out = ["# Relaxed rate limits (tests/dev only)."];
  for (const [top, subs] of tree) {
    out.push(`${top}:`, ...(subs.length ? subs.map((s) => `  ${s}:\n${lim("    ")}`) : [lim("  ")]));
  }
  return out.join("\n");
}

function logConfig(logFile: string): string {
  return `version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: "${q(logFile)}"
    level: INFO
    encoding: utf8
  console:
    class: logging.StreamHandler
    formatter: precise
    stream: ext://sys.stderr
    level: WARNING
root:
  level: INFO
  handlers: [file, console]
disable_existing_loggers: false
`;
}

function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`homeserver.template.yaml: unknown placeholder ${name}`);
    return v;
  });
}

async function tailFile(file: string, lines: number): Promise<string> {
  try {
    const fh = await open(file, "r");
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, 64 * 1024); // the end of the log is all we need
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return buf.toString("utf8").split("\n").slice(-lines - 1).join("\n").trimEnd();
    } finally {
      await fh.close();
    }
  } catch {
    return "(no log file)";
  }
}

async function run(args: string[], cwd: string): Promise<void> {
  const child = spawn(PYTHON, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | string>((resolve) => {
    child.once("error", (err) => resolve(err.message));
    child.once("exit", (c, sig) => resolve(c ?? `signal ${sig ?? "?"}`));
  });
  if (code !== 0) throw new Error(`${PYTHON} ${args.join(" ")} failed (${code}):\n${out.slice(-4000)}`);
}

export async function startSynapse(opts: SynapseOptions): Promise<RunningSynapse> {
  if (!(await exists(PYTHON))) throw new Error(`Synapse is not installed (${PYTHON} missing); call ensureSynapseInstalled() first`);
  const dataDir = path.resolve(opts.dataDir);
  const host = opts.host ?? "127.0.0.1";
  const serverName = opts.serverName ?? "localhost";
  // A wildcard bind address is not something to connect to: poll loopback instead.
  const connectHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  const baseUrl = `http://${connectHost.includes(":") ? `[${connectHost}]` : connectHost}:${opts.port}`;
  const configFile = path.join(dataDir, "homeserver.yaml");
  const logFile = path.join(dataDir, "homeserver.log");

  await mkdir(dataDir, { recursive: true });
  const secrets = await loadOrCreateSecrets(path.join(dataDir, "secrets.json"));
  const template = await readFile(path.join(SYNAPSE_DIR, "homeserver.template.yaml"), "utf8");
  const config = render(template, {
    HOST: q(host), PORT: String(opts.port), SERVER_NAME: q(serverName), DATA_DIR: q(dataDir),
    PUBLIC_BASEURL: q(opts.publicBaseUrl ?? `${baseUrl}/`),
    REGISTRATION_SHARED_SECRET: q(secrets.registrationSharedSecret),
    MACAROON_SECRET_KEY: q(secrets.macaroonSecretKey), FORM_SECRET: q(secrets.formSecret),
    DATABASE_BLOCK: databaseBlock(opts, dataDir), RATE_LIMITS_BLOCK: rateLimitsBlock(opts.relaxedRateLimits ?? false),
  });
  await writeFile(configFile, config, { mode: 0o600 });
  await writeFile(path.join(dataDir, "log.config"), logConfig(logFile));
  if (!(await exists(path.join(dataDir, "signing.key")))) {
    await run(["-m", "synapse.app.homeserver", "--generate-keys", "-c", configFile], dataDir);
  }

  const child = spawn(PYTHON, ["-m", "synapse.app.homeserver", "-c", configFile], {
    cwd: dataDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  let output = ""; // stdout+stderr, capped so a chatty server can't grow memory
  const capture = (d: Buffer) => (output = (output + d.toString()).slice(-32 * 1024));
  child.stdout.on("data", capture);
  child.stderr.on("data", capture);
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("error", (err) => ((exitInfo ??= `failed to spawn: ${err.message}`), resolve()));
    child.once("exit", (code, sig) => ((exitInfo ??= sig ? `killed by ${sig}` : `exit code ${code}`), resolve()));
  });
  const waitExit = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    try { return await Promise.race([exited.then(() => true as const), timedOut]); } finally { clearTimeout(timer); }
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exitInfo) return;
      child.kill("SIGTERM");
      if (!(await waitExit(10_000))) { child.kill("SIGKILL"); await exited; }
    })());

  const fail = async (what: string): Promise<Error> => {
    await stop();
    const log = await tailFile(logFile, 40);
    const stderr = output.trimEnd().split("\n").slice(-40).join("\n");
    return new Error(`${what}\n--- last 40 lines of ${logFile} ---\n${log}\n--- Synapse stdout/stderr ---\n${stderr || "(empty)"}`);
  };

  const timeoutMs = opts.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitInfo) throw await fail(`Synapse exited during startup (${exitInfo}); config ${configFile}`);
    if (Date.now() > deadline) throw await fail(`Synapse did not answer ${baseUrl}/_matrix/client/versions within ${timeoutMs} ms`);
    try {
      const res = await fetch(`${baseUrl}/_matrix/client/versions`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.ok) break;
    } catch { /* not listening yet */ }
    await waitExit(200);
  }
  if (child.pid === undefined) throw await fail("Synapse has no pid");
  return { baseUrl, serverName, registrationSharedSecret: secrets.registrationSharedSecret, dataDir, logFile, pid: child.pid, stop };
}
