import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../../drizzle/connect";
import * as schema from "../../drizzle/schema";
import { env } from "./env";

// The app's one data layer: every query goes through this client.
let instance: ReturnType<typeof drizzle<typeof schema>> | undefined;

/** Lazily connected Drizzle client over postgres.js (PGlite's socket server or PostgreSQL). */
export function db(): ReturnType<typeof drizzle<typeof schema>> {
  instance ??= drizzle(connectPostgres(env().DATABASE_URL, 5), { schema });
  return instance;
}

export { schema };
