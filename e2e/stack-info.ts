/** What global-setup tells the tests about the running stack (via SEALDESK_STACK). */
export type StackInfo = {
  appUrl: string;
  demoUrl: string;
  synapseUrl: string;
  databaseUrl: string;
  synapseDataDir: string;
  synapseDatabase: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  pgliteDir: string | null;
  router: { userId: string; accessToken: string; deviceId: string };
  /** A server admin (the stack's auditor account): the attacker of the hostile-server tests, and admin API reads. The router is not an admin. */
  admin: { userId: string; accessToken: string };
  /** Synapse's registration secret, for tests that create more accounts. */
  registrationSecret: string;
  /** Bearer token for /metrics. */
  metricsToken: string;
  /** The app's NEXTAUTH_SECRET: tests sign proof-of-work challenges with it (expired ones, say). */
  nextauthSecret: string;
  /** global-setup's control server: POST /router/stop {signal}, POST /router/start {env}, POST /synapse/stop, POST /synapse/start {refusePlaintext?}. */
  controlUrl: string;
  agent: { username: string; password: string; userId: string };
  /** The folder where the local SMTP server (e2e/support/smtp-sink.py) writes every email it receives. */
  mailDir: string;
  /** The local OIDC provider (scripts/oidc-dev-provider.ts): its people are read from `usersFile` (JSON) at every sign-in. */
  sso: { issuer: string; name: string; usersFile: string };
};

export function stackInfo(): StackInfo {
  const raw = process.env.SEALDESK_STACK;
  if (!raw) throw new Error("SEALDESK_STACK is not set: run the tests through `npx playwright test` (global-setup starts the stack)");
  return JSON.parse(raw) as StackInfo;
}

/** Stops every router process of the stack (SIGKILL simulates a crash). */
export async function stopRouters(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
  const res = await fetch(`${stackInfo().controlUrl}/router/stop`, { method: "POST", body: JSON.stringify({ signal }) });
  if (!res.ok) throw new Error(`router stop failed: ${res.status}`);
}

/** Starts one more router process with extra settings. */
export async function startRouter(env: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${stackInfo().controlUrl}/router/start`, { method: "POST", body: JSON.stringify({ env }) });
  if (!res.ok) throw new Error(`router start failed: ${res.status}`);
}

/** Stops (`"stop"`) or starts again the local OIDC provider (same keys, port and people). */
export async function ssoProvider(action: "stop" | "start"): Promise<void> {
  const res = await fetch(`${stackInfo().controlUrl}/sso/${action}`, { method: "POST" });
  if (!res.ok) throw new Error(`sso ${action} failed: ${res.status}`);
}

/** Stops Synapse (same data and port kept for {@link startSynapse}). */
export async function stopSynapse(): Promise<void> {
  const res = await fetch(`${stackInfo().controlUrl}/synapse/stop`, { method: "POST" });
  if (!res.ok) throw new Error(`synapse stop failed: ${res.status}`);
}

/**
 * Starts Synapse again after {@link stopSynapse}; resolves once it answers.
 * `refusePlaintext: false` starts it with the confinement module's plaintext rule
 * turned off, as a hostile admin could (the next plain start turns it back on).
 */
export async function startSynapse(opts: { refusePlaintext?: false } = {}): Promise<void> {
  const res = await fetch(`${stackInfo().controlUrl}/synapse/start`, { method: "POST", body: JSON.stringify(opts) });
  if (!res.ok) throw new Error(`synapse start failed: ${res.status} ${await res.text()}`);
}
