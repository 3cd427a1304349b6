// First set-up on a fresh install: `npm run setup:operator -- --user alice [--name "Alice"]`
// creates the Matrix account @alice with a one-time password (printed once, never stored)
// and makes it an operator; `--existing @alice:example.org` links an account that exists.
// Afterwards the operator adds agents and teams in the console (/operator/agents).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/postgres-js";
import { z } from "zod";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import { isMatrixUserId } from "../lib/matrix/user-id";

const env = z.object({ DATABASE_URL: z.string().url(), SYNAPSE_URL: z.string().url(), SYNAPSE_REGISTRATION_SECRET: z.string().min(16) }).safeParse(process.env);
if (!env.success) {
  console.error(`[setup:operator] Set ${env.error.issues.map((i) => i.path.join(".")).join(", ")} (as for the app, see .env.example)`);
  process.exit(1);
}
const { values } = parseArgs({ options: { user: { type: "string" }, existing: { type: "string" }, name: { type: "string" } } });
const username = values.user;
const existing = values.existing;
if ((!username && !existing) || (username && !/^[a-z0-9._=-]{1,64}$/.test(username)) || (existing && !isMatrixUserId(existing))) {
  console.error('Usage: npm run setup:operator -- --user <username> [--name "Display Name"]   |   -- --existing @user:server [--name ...]');
  process.exit(2);
}

let userId = existing ?? "";
let password: string | null = null;
// The localpart of a checked user id, "@localpart:server".
const displayName = values.name ?? username ?? (existing ?? "").slice(1).split(":")[0] ?? "";
if (!existing) {
  password = randomBytes(12).toString("base64url");
  const account = await registerWithSharedSecret({
    homeserverUrl: env.data.SYNAPSE_URL,
    sharedSecret: env.data.SYNAPSE_REGISTRATION_SECRET,
    username: username!,
    password,
    displayName,
  });
  userId = account.userId;
  // The registration's session is not the operator's browser: log it out (it holds no keys).
  await fetch(`${env.data.SYNAPSE_URL}/_matrix/client/v3/logout`, { method: "POST", headers: { authorization: `Bearer ${account.accessToken}` } });
}
const sql = connectPostgres(env.data.DATABASE_URL, 1);
try {
  await drizzle(sql, { schema })
    .insert(schema.agents)
    .values({ userId, displayName, role: "operator", availability: "offline", addedBy: "setup:operator" })
    .onConflictDoUpdate({ target: schema.agents.userId, set: { role: "operator", addedBy: "setup:operator" } });
} finally {
  await sql.end();
}
console.log(`Operator ${userId} is set up.`);
if (password)
  console.log(
    `One-time password (shown once, not stored): ${password}\nSign in to the console, save your recovery key, then change the password in any Matrix client.`,
  );
