import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import type { Db } from "../lib/conversation/transitions";
import { createDbStore } from "./db-store";
import type { RouterStore } from "./router-store";

/** The router's data layer on `DATABASE_URL` (PostgreSQL, or PGlite behind pglite-server), and a way to close it. */
export function createStore(databaseUrl: string): { store: RouterStore; db: Db; end(): Promise<void> } {
  const sqlClient = connectPostgres(databaseUrl, 4);
  const db = drizzle(sqlClient, { schema }) as unknown as Db;
  return { store: createDbStore(db), db, end: () => sqlClient.end() };
}
