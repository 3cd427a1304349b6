// Entry of the one-shot `migrate` container (docker-compose.yml): applies the
// committed migrations and exits 0, so app and router start only on an
// up-to-date schema (they wait for service_completed_successfully).
import { z } from "zod";
import { migrateDatabase } from "../drizzle/migrate";

const parsed = z.object({ DATABASE_URL: z.string().url() }).safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  console.error(`[migrate] Invalid environment: ${problems} (expected e.g. postgres://user:password@host:5432/sealdesk)`);
  process.exit(1);
}

try {
  await migrateDatabase(parsed.data.DATABASE_URL);
} catch (err) {
  // Drizzle wraps connection errors ("Failed query: ..."): the cause says why.
  // The URL holds the password: report the errors, never the variable's value.
  const chain: string[] = [];
  for (let e: unknown = err; e && chain.length < 5; e = e instanceof Error ? e.cause : undefined)
    chain.push((e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").trim());
  console.error(`[migrate] Migration failed: ${chain.join(" <- ")}`);
  process.exit(1);
}
console.log("[migrate] Database schema is up to date");
// postgres.js has closed its pool; exit explicitly so a stray handle can't keep the container up.
process.exit(0);
