import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { registerWithSharedSecret, type RegisteredAccount } from "../lib/matrix/shared-secret-register";

/** Accounts the stack creates on first run and reuses afterwards. */
export type StackAccounts = {
  router: RegisteredAccount;
  demoAgent: { username: string; password: string; userId: string };
  /** Server admin whose token the app uses for the audit (admin API: room state and membership history). */
  auditor?: RegisteredAccount;
};

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** One admin API call with the auditor's token. */
async function adminCall(synapseUrl: string, token: string, method: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${synapseUrl.replace(/\/$/, "")}/_synapse/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Synapse admin API ${method} ${path}: ${res.status} ${await res.text()}`);
}

/**
 * The router is a normal user (Synapse skips the confinement module's spam checks for
 * admins, and a leaked router token must not be a server admin's): the auditor admin
 * exempts it from the per-user message rate limit once, and demotes a router that an
 * older install registered as admin. Both calls are idempotent.
 */
export async function unprivilegeRouter(synapseUrl: string, adminToken: string, routerUserId: string): Promise<void> {
  const user = encodeURIComponent(routerUserId);
  await adminCall(synapseUrl, adminToken, "PUT", `/v2/users/${user}`, { admin: false });
  // Routing must not stall behind Synapse's per-user rate limits (0/0: no limit).
  await adminCall(synapseUrl, adminToken, "POST", `/v1/users/${user}/override_ratelimit`, { messages_per_second: 0, burst_count: 0 });
}

/**
 * First-run set-up: the router's account (a normal user that never uploads
 * device keys), the auditor admin, a demo agent with a generated password, and
 * the demo site whose allowed origin is the demo host page. Credentials are
 * kept in the git-ignored data dir.
 */
export async function bootstrap(opts: {
  dataDir: string;
  synapseUrl: string;
  sharedSecret: string;
  databaseUrl: string;
  demoOrigin: string;
}): Promise<StackAccounts> {
  const file = path.join(opts.dataDir, "accounts.json");
  let accounts = await readJson<StackAccounts>(file);
  const reg = (username: string, password: string, admin: boolean, displayName: string) =>
    registerWithSharedSecret({ homeserverUrl: opts.synapseUrl, sharedSecret: opts.sharedSecret, username, password, admin, displayName });
  if (!accounts) {
    const router = await reg("router", randomBytes(24).toString("base64url"), false, "Support router");
    const password = randomBytes(9).toString("base64url");
    const agent = await reg("agent", password, false, "Demo Agent");
    accounts = { router, demoAgent: { username: "agent", password, userId: agent.userId } };
    await writeFile(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  }
  if (!accounts.auditor) {
    // A separate admin for the app's audit, so the router's token stays with the router. It joins no room.
    accounts.auditor = await reg("auditor", randomBytes(24).toString("base64url"), true, "Sealdesk audit");
    await writeFile(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  }
  await unprivilegeRouter(opts.synapseUrl, accounts.auditor.accessToken, accounts.router.userId);
  const sql = connectPostgres(opts.databaseUrl, 1);
  try {
    const db = drizzle(sql, { schema });
    // The demo site's conversations go to the demo team, which has the demo agent.
    await db.insert(schema.teams).values({ id: "support", name: "Support" }).onConflictDoNothing();
    await db
      .insert(schema.sites)
      .values({ id: "demo", name: "Demo shop", allowedOrigins: [opts.demoOrigin], teamId: "support" })
      .onConflictDoUpdate({ target: schema.sites.id, set: { allowedOrigins: [opts.demoOrigin], teamId: "support" } });
    await db
      .insert(schema.agents)
      // Added by the install's own script: the roster review counts it as added through the console.
      .values({ userId: accounts.demoAgent.userId, displayName: "Demo Agent", role: "operator", availability: "available", addedBy: "bootstrap" })
      .onConflictDoNothing();
    await db.insert(schema.teamMembers).values({ teamId: "support", agentUserId: accounts.demoAgent.userId }).onConflictDoNothing();
  } finally {
    await sql.end();
  }
  return accounts;
}
