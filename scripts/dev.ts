// `npm run dev`: the whole stack on this machine, on fixed ports (override with
// APP_PORT, SYNAPSE_PORT, DB_PORT, DEMO_PORT), data kept in .data/dev.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { devOrgKey, keepDevRoster } from "./dev-org";
import { startStack } from "./stack";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const num = (v: string | undefined, d: number): number => (v && /^\d+$/.test(v) ? Number(v) : d);

const dataDir = path.join(root, ".data/dev");
await mkdir(dataDir, { recursive: true });
// Dev only: the organisation key is made here (in production, in an operator's browser).
const org = await devOrgKey(dataDir);
const stack = await startStack({
  dataDir,
  demoOrgKey: org.orgKey,
  appMode: "dev",
  databaseUrl: process.env.DATABASE_URL,
  ports: {
    app: num(process.env.APP_PORT, 3000),
    synapse: num(process.env.SYNAPSE_PORT, 8008),
    db: num(process.env.DB_PORT, 5433),
    demo: num(process.env.DEMO_PORT, 4000),
  },
  // A developer reopens the chat from 127.0.0.1 far more often than a visitor would.
  appEnv: { VISITOR_IP_LIMIT_PER_HOUR: process.env.VISITOR_IP_LIMIT_PER_HOUR ?? "500" },
});

const roster = await keepDevRoster({ org, databaseUrl: stack.databaseUrl, synapseUrl: stack.synapseUrl, token: stack.accounts.router.accessToken, agentUserId: stack.accounts.demoAgent.userId });

console.log(`
Sealdesk is running.
  Demo customer page (visitor): ${stack.demoUrl}
  Agent console:                ${stack.appUrl}/login
    username: ${stack.accounts.demoAgent.username}
    password: ${stack.accounts.demoAgent.password}
  Synapse:                      ${stack.synapseUrl}
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
