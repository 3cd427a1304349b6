// `npm run dev`: the whole stack on this machine, on fixed ports (override with
// APP_PORT, SYNAPSE_PORT, DB_PORT, DEMO_PORT), data kept in .data/dev.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { devOrgKey, keepDevRoster } from "./dev-org";
import { parsePostgresUrl } from "../synapse/synapse-process";
import { startStack } from "./stack";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = (d: number) => z.coerce.number().int().min(1).max(65_535).default(d);
const parsed = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    // 1: Synapse as the worker deployment (docs/operations.md#synapse-workers), on this PostgreSQL database.
    SYNAPSE_WORKERS: z.enum(["0", "1"]).default("0"),
    SYNAPSE_DATABASE_URL: z.string().url().optional(),
    APP_PORT: port(3000),
    SYNAPSE_PORT: port(8008),
    DB_PORT: port(5433),
    DEMO_PORT: port(4000),
    VISITOR_IP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(500),
    // 1: single sign-on through the development OIDC provider (docs/operations.md#single-sign-on-openid-connect).
    SSO: z.enum(["0", "1"]).default("0"),
  })
  .safeParse(process.env);
if (!parsed.success) {
  console.error(`[dev] Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  process.exit(1);
}
const env = parsed.data;
if (env.SYNAPSE_WORKERS === "1" && !env.SYNAPSE_DATABASE_URL) {
  console.error(
    "[dev] SYNAPSE_WORKERS=1 needs SYNAPSE_DATABASE_URL (postgres://user:pass@host:port/db, a database with C collation): workers share PostgreSQL",
  );
  process.exit(1);
}

const dataDir = path.join(root, ".data/dev");
await mkdir(dataDir, { recursive: true });
// Dev only: the organisation key is made here (in production, in an operator's browser).
const org = await devOrgKey(dataDir);
const stack = await startStack({
  dataDir,
  demoOrgKey: org.orgKey,
  appMode: "dev",
  databaseUrl: env.DATABASE_URL,
  ...(env.SYNAPSE_DATABASE_URL ? { synapsePostgres: parsePostgresUrl(env.SYNAPSE_DATABASE_URL) } : {}),
  synapseWorkers: env.SYNAPSE_WORKERS === "1",
  ports: { app: env.APP_PORT, synapse: env.SYNAPSE_PORT, db: env.DB_PORT, demo: env.DEMO_PORT },
  // A developer reopens the chat from 127.0.0.1 far more often than a visitor would.
  appEnv: { VISITOR_IP_LIMIT_PER_HOUR: String(env.VISITOR_IP_LIMIT_PER_HOUR) },
  ...(env.SSO === "1" ? { sso: { usersFile: path.join(dataDir, "oidc-users.json") } } : {}),
});
if (stack.sso) {
  // The provider knows the demo agent, with the same password; add people to this file at will.
  const demo = stack.accounts.demoAgent;
  await writeFile(stack.sso.usersFile, JSON.stringify([{ username: demo.username, password: demo.password, name: "Demo Agent" }], null, 2));
}

const roster = await keepDevRoster({
  org,
  databaseUrl: stack.databaseUrl,
  synapseUrl: stack.synapseUrl,
  token: stack.accounts.router.accessToken,
  agentUserId: stack.accounts.demoAgent.userId,
});

console.log(`
Sealdesk is running.
  Demo customer page (visitor): ${stack.demoUrl}
  Agent console:                ${stack.appUrl}/login
    username: ${stack.accounts.demoAgent.username}
    password: ${stack.accounts.demoAgent.password}
  Synapse:                      ${stack.synapseUrl}${stack.sso ? `\n  Single sign-on (dev OIDC):    ${stack.sso.issuer} (people: ${stack.sso.usersFile})` : ""}
  Database:                     ${stack.databaseUrl}
  Organisation key (dev):       ${roster.registered ? `${org.orgKey} (in the demo page's snippet; the demo agent is signed into the roster after their first sign-in)` : "this install already has another one: the demo page's snippet does not match it"}
Press Ctrl-C to stop everything.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    roster.stop();
    void stack.stop().finally(() => process.exit(0));
  });
}
