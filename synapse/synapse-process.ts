// Starts and stops a real Synapse homeserver for development and tests.
// Paths are resolved from this file, so callers may run from any cwd.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, chmod, mkdir, open, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appServiceRegistrationYaml } from "./appservice-config";
import { oidcConfigBlock, ssoErrorTemplate, type SynapseOidcOptions } from "./oidc-config";

export type SynapseOptions = {
  dataDir: string;
  port: number;
  host?: string; // default 127.0.0.1
  serverName?: string; // default "localhost"
  publicBaseUrl?: string;
  postgres?: { host: string; port: number; user: string; password: string; database: string };
  relaxedRateLimits?: boolean;
  /** The router account the confinement module lets visitors invite; default `@router:<serverName>` (scripts/bootstrap.ts registers "router"). */
  routerUserId?: string;
  startTimeoutMs?: number; // default 120000
  /** The confinement module's plaintext rule (default on); off only in the test of a hostile admin who turns it off. */
  refusePlaintext?: boolean;
  /** Single sign-on through one OpenID Connect provider (synapse/oidc-config.ts); none by default. */
  oidc?: SynapseOidcOptions;
  /** Rewrites the written homeserver.yaml before Synapse starts (the load bench's plain floor drops the modules). */
  editConfig?: (yaml: string) => string;
};

export type RunningSynapse = {
  baseUrl: string;
  serverName: string;
  registrationSharedSecret: string;
  /** HMAC key of routing tickets, shared with the app (ROUTING_TICKET_SECRET) and the confinement module. */
  routingTicketSecret: string;
  /** The `sealdesk` application service's token: the app registers visitors with it (SYNAPSE_APPSERVICE_TOKEN). */
  appServiceToken: string;
  dataDir: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
};

export type Secrets = {
  registrationSharedSecret: string;
  macaroonSecretKey: string;
  formSecret: string;
  routingTicketSecret: string;
  /** The application service's tokens (synapse/appservice-config.ts): as_token (the app's) and hs_token (Synapse's, unused while url is null). */
  appServiceToken: string;
  homeserverToken: string;
};

const SYNAPSE_DIR = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = path.join(SYNAPSE_DIR, ".venv", "bin", "python");

// Every rc_* limiter Synapse 1.163 reads (synapse/config/ratelimiting.py),
// except rc_federation, which is irrelevant without a federation listener.
const RATE_LIMIT_KEYS = [
  "rc_message",
  "rc_registration",
  "rc_registration_token_validity",
  "rc_login.address",
  "rc_login.account",
  "rc_login.failed_attempts",
  "rc_admin_redaction",
  "rc_joins.local",
  "rc_joins.remote",
  "rc_joins_per_room",
  "rc_key_requests",
  "rc_3pid_validation",
  "rc_invites.per_room",
  "rc_invites.per_user",
  "rc_invites.per_issuer",
  "rc_third_party_invite",
  "rc_media_create",
  "rc_presence.per_user",
  "rc_delayed_event_mgmt",
  "rc_room_creation",
  "rc_reports",
  "rc_user_directory",
  "rc_profile",
];

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );
// Escapes a value for use inside a YAML double-quoted scalar (JSON escapes are valid YAML).
const q = (s: string) => JSON.stringify(s).slice(1, -1);

// Resolves with the exit code, or a description of the signal / spawn error.
const exitOf = (child: ChildProcess) =>
  new Promise<number | string>((resolve) => {
    child.once("error", (err) => resolve(`spawn error: ${err.message}`));
    child.once("exit", (c, sig) => resolve(c ?? `signal ${sig ?? "?"}`));
  });

/** Synapse's database settings from a postgres:// URL (user, host and database required). */
export function parsePostgresUrl(raw: string): NonNullable<SynapseOptions["postgres"]> {
  const url = new URL(raw);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`a Synapse database URL must start with postgres://, got ${url.protocol}`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!url.hostname || !url.username || !database) {
    throw new Error("a Synapse database URL needs user, host and database: postgres://user:pass@host:port/db");
  }
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** Runs synapse/install.sh (creates the venv on first use; instant afterwards). */
export async function ensureSynapseInstalled(): Promise<void> {
  const script = path.join(SYNAPSE_DIR, "install.sh");
  const code = await exitOf(spawn("bash", [script], { stdio: "inherit" }));
  if (code !== 0) throw new Error(`Synapse install failed: ${script} ended with ${code} (see its output above)`);
}

// Secrets added after the first release: a data folder from before gets them, the rest is kept.
const LATER_SECRETS = ["routingTicketSecret", "appServiceToken", "homeserverToken"] as const;

async function loadOrCreateSecrets(file: string): Promise<Secrets> {
  const gen = () => randomBytes(32).toString("base64url");
  if (await exists(file)) {
    const raw: unknown = JSON.parse(await readFile(file, "utf8"));
    const r = raw as Partial<Record<keyof Secrets, unknown>>;
    if (typeof r.registrationSharedSecret === "string" && typeof r.macaroonSecretKey === "string" && typeof r.formSecret === "string") {
      const secrets = { registrationSharedSecret: r.registrationSharedSecret, macaroonSecretKey: r.macaroonSecretKey, formSecret: r.formSecret } as Secrets;
      const missing = LATER_SECRETS.filter((k) => typeof r[k] !== "string");
      for (const k of LATER_SECRETS) secrets[k] = typeof r[k] === "string" ? r[k] : gen();
      if (missing.length) await writeFile(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
      return secrets;
    }
    throw new Error(`${file} is malformed; delete it to regenerate the Synapse secrets`);
  }
  const secrets: Secrets = {
    registrationSharedSecret: gen(),
    macaroonSecretKey: gen(),
    formSecret: gen(),
    routingTicketSecret: gen(),
    appServiceToken: gen(),
    homeserverToken: gen(),
  };
  await writeFile(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  return secrets;
}

function databaseBlock(opts: SynapseOptions, dataDir: string): string {
  const pg = opts.postgres;
  if (!pg) return `database:\n  name: sqlite3\n  args:\n    database: "${q(path.join(dataDir, "homeserver.db"))}"`;
  return [
    "database:",
    "  name: psycopg2",
    "  args:",
    `    user: "${q(pg.user)}"`,
    `    password: "${q(pg.password)}"`,
    `    host: "${q(pg.host)}"`,
    `    port: ${pg.port}`,
    `    database: "${q(pg.database)}"`,
    "    cp_min: 1",
    "    cp_max: 5",
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

/** Python logging dictConfig: INFO and up to the file, WARNING and up to stderr. */
export function logConfig(logFile: string): string {
  const fmt = "%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s";
  return [
    "version: 1",
    `formatters: {precise: {format: "${fmt}"}}`,
    "handlers:",
    `  file: {class: logging.FileHandler, formatter: precise, level: INFO, encoding: utf8, filename: "${q(logFile)}"}`,
    "  console: {class: logging.StreamHandler, formatter: precise, level: WARNING, stream: ext://sys.stderr}",
    "root: {level: INFO, handlers: [file, console]}",
    "disable_existing_loggers: false",
    "",
  ].join("\n");
}

function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`homeserver.template.yaml: unknown placeholder ${name}`);
    return v;
  });
}

// Last lines of a possibly large log: read only its final 64 KiB.
async function tailFile(file: string, lines: number): Promise<string> {
  const fh = await open(file, "r").catch(() => undefined);
  if (!fh) return "(no log file)";
  try {
    const { size } = await fh.stat();
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    return buf.toString("utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } finally {
    await fh.close();
  }
}

async function run(args: string[], cwd: string): Promise<void> {
  const child = spawn(PYTHON, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const code = await exitOf(child);
  if (code !== 0) throw new Error(`${PYTHON} ${args.join(" ")} failed (${code}):\n${out.slice(-4000)}`);
}

/** The files a Synapse process (monolith or main process of a worker deployment) starts from. */
export type PreparedSynapse = { dataDir: string; configFile: string; logFile: string; baseUrl: string; serverName: string; secrets: Secrets };

/** Renders homeserver.yaml and log.config into `opts.dataDir` and creates the signing key once. */
export async function prepareSynapseConfig(opts: SynapseOptions): Promise<PreparedSynapse> {
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
  // The application service registration: every process (monolith, main, workers) reads it through homeserver.yaml.
  const appServiceFile = path.join(dataDir, "appservice-sealdesk.yaml");
  const registration = appServiceRegistrationYaml({
    asToken: secrets.appServiceToken,
    hsToken: secrets.homeserverToken,
    serverName,
  });
  await writeFile(appServiceFile, registration, { mode: 0o600 });
  await chmod(appServiceFile, 0o600);
  const config = render(template, {
    HOST: q(host),
    PORT: String(opts.port),
    SERVER_NAME: q(serverName),
    DATA_DIR: q(dataDir),
    PUBLIC_BASEURL: q(opts.publicBaseUrl ?? `${baseUrl}/`),
    REGISTRATION_SHARED_SECRET: q(secrets.registrationSharedSecret),
    APP_SERVICE_FILE: q(appServiceFile),
    MACAROON_SECRET_KEY: q(secrets.macaroonSecretKey),
    FORM_SECRET: q(secrets.formSecret),
    ROUTER_USER_ID: q(opts.routerUserId ?? `@router:${serverName}`),
    ROUTING_TICKET_SECRET: q(secrets.routingTicketSecret),
    REFUSE_PLAINTEXT: String(opts.refusePlaintext ?? true),
    DATABASE_BLOCK: databaseBlock(opts, dataDir),
    RATE_LIMITS_BLOCK: rateLimitsBlock(opts.relaxedRateLimits ?? false),
    OIDC_BLOCK: opts.oidc ? oidcConfigBlock(opts.oidc, path.join(dataDir, "templates")) : "",
  });
  await writeFile(configFile, config, { mode: 0o600 });
  await chmod(configFile, 0o600); // mode above only applies when the file is new; it holds secrets
  await writeFile(path.join(dataDir, "log.config"), logConfig(logFile));
  if (opts.oidc) {
    await mkdir(path.join(dataDir, "templates"), { recursive: true });
    await writeFile(path.join(dataDir, "templates", "sso_error.html"), ssoErrorTemplate(opts.oidc.consoleUrl));
  }
  if (!(await exists(path.join(dataDir, "signing.key")))) {
    await run(["-m", "synapse.app.homeserver", "--generate-keys", "-c", configFile], dataDir);
  }
  return { dataDir, configFile, logFile, baseUrl, serverName, secrets };
}

/** One running Synapse process (the homeserver, or one worker). */
export type SynapseChild = { pid: number; stop(): Promise<void>; exited(): string | undefined };

/**
 * Spawns `python -m <app> <args>` and waits until `readyUrl` answers 2xx. On failure it
 * stops the process and throws with the last lines of `logFile` and of its output.
 */
export async function spawnSynapse(p: {
  app: string;
  args: string[];
  cwd: string;
  logFile: string;
  readyUrl: string;
  timeoutMs?: number;
  what?: string;
}): Promise<SynapseChild> {
  // -u: unbuffered output, so a crash's last words reach us before the exit event.
  const child = spawn(PYTHON, ["-u", "-m", p.app, ...p.args], { cwd: p.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = ""; // stdout+stderr, capped so a chatty server can't grow memory
  const capture = (d: Buffer) => (output = (output + d.toString()).slice(-32 * 1024));
  child.stdout.on("data", capture);
  child.stderr.on("data", capture);
  let exitInfo: string | undefined;
  const exited = exitOf(child).then((c) => void (exitInfo = typeof c === "number" ? `exit code ${c}` : c));
  const waitExit = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    try {
      return await Promise.race([exited.then(() => true as const), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exitInfo) return;
      child.kill("SIGTERM");
      if (!(await waitExit(10_000))) {
        child.kill("SIGKILL");
        await exited;
      }
    })());

  const what = p.what ?? "Synapse";
  const fail = async (msg: string): Promise<Error> => {
    await stop();
    const log = await tailFile(p.logFile, 40);
    const stderr = output.trimEnd().split("\n").slice(-40).join("\n");
    return new Error(`${msg}\n--- last 40 lines of ${p.logFile} ---\n${log}\n--- ${what} stdout/stderr ---\n${stderr || "(empty)"}`);
  };

  const timeoutMs = p.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitInfo) throw await fail(`${what} exited during startup (${exitInfo}); python -m ${p.app} ${p.args.join(" ")}`);
    if (Date.now() > deadline) throw await fail(`${what} did not answer ${p.readyUrl} within ${timeoutMs} ms`);
    try {
      const res = await fetch(p.readyUrl, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await waitExit(200);
  }
  if (child.pid === undefined) throw await fail(`${what} has no pid`);
  return { pid: child.pid, stop, exited: () => exitInfo };
}

export async function startSynapse(opts: SynapseOptions): Promise<RunningSynapse> {
  const prep = await prepareSynapseConfig(opts);
  if (opts.editConfig) await writeFile(prep.configFile, opts.editConfig(await readFile(prep.configFile, "utf8")));
  const child = await spawnSynapse({
    app: "synapse.app.homeserver",
    args: ["-c", prep.configFile],
    cwd: prep.dataDir,
    logFile: prep.logFile,
    readyUrl: `${prep.baseUrl}/_matrix/client/versions`,
    timeoutMs: opts.startTimeoutMs,
  });
  return { ...runningFields(prep, prep.baseUrl, child.pid), stop: child.stop };
}

/** What a started Synapse (monolith or workers behind `baseUrl`) tells its caller about its prepared config. */
export function runningFields(prep: PreparedSynapse, baseUrl: string, pid: number) {
  const { secrets } = prep;
  return {
    baseUrl,
    serverName: prep.serverName,
    registrationSharedSecret: secrets.registrationSharedSecret,
    routingTicketSecret: secrets.routingTicketSecret,
    appServiceToken: secrets.appServiceToken,
    dataDir: prep.dataDir,
    logFile: prep.logFile,
    pid,
  };
}
