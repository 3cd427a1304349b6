// `npm run dev`: the whole stack on this machine, on fixed ports (override with
// APP_PORT, SYNAPSE_PORT, DB_PORT, DEMO_PORT), data kept in .data/dev.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startStack } from "./stack";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const num = (v: string | undefined, d: number): number => (v && /^\d+$/.test(v) ? Number(v) : d);

const stack = await startStack({
  dataDir: path.join(root, ".data/dev"),
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

console.log(`
Sealdesk is running.
  Demo customer page (visitor): ${stack.demoUrl}
  Agent console:                ${stack.appUrl}/login
    username: ${stack.accounts.demoAgent.username}
    password: ${stack.accounts.demoAgent.password}
  Synapse:                      ${stack.synapseUrl}
  Database:                     ${stack.databaseUrl}
Press Ctrl-C to stop everything.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    void stack.stop().finally(() => process.exit(0));
  });
}
