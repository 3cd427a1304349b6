import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "@/drizzle/schema";
import type { Db } from "@/lib/conversation/transitions";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "drizzle", "migrations");

/**
 * A real (embedded) PostgreSQL with the committed migrations applied, for the
 * data-layer tests: the same schema and SQL as production, without a server.
 * Close it with `close()` when the test file is done.
 */
export async function migratedPglite(): Promise<{ db: Db; close: () => Promise<void> }> {
  const pg = new PGlite();
  const d = drizzle(pg, { schema });
  await migrate(d, { migrationsFolder });
  return { db: d as unknown as Db, close: () => pg.close() };
}
