import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe } from "vitest";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../../drizzle/schema";
import type { Db } from "../../lib/conversation/transitions";
import { TEST_POSTGRES_URL } from "./env";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "drizzle", "migrations");
const quiet = { onnotice: () => {} };

/**
 * A throwaway, migrated database on the real PostgreSQL at TEST_POSTGRES_URL, for
 * the tests of row locks that PGlite (one session) cannot run. `connect()` opens a
 * pool of its own (as a second router would); `drop()` ends them and drops the database.
 */
export function scratchPostgres(prefix: string) {
  const dbName = `${prefix}_${randomBytes(4).toString("hex")}`;
  const pools: postgres.Sql[] = [];
  let url = "";
  return {
    async create(): Promise<void> {
      const admin = postgres(TEST_POSTGRES_URL!, { max: 1, ...quiet });
      await admin.unsafe(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const u = new URL(TEST_POSTGRES_URL!);
      u.pathname = `/${dbName}`;
      url = u.toString();
      const sql = postgres(url, { max: 1, ...quiet });
      await migrate(drizzle(sql), { migrationsFolder });
      await sql.end();
    },
    connect(): Db {
      const sql = postgres(url, { max: 4, ...quiet });
      pools.push(sql);
      return drizzle(sql, { schema }) as unknown as Db;
    },
    async drop(): Promise<void> {
      for (const p of pools) await p.end();
      if (!TEST_POSTGRES_URL) return;
      const admin = postgres(TEST_POSTGRES_URL, { max: 1, ...quiet });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * A `describe` block on a scratch database of the real PostgreSQL, created before
 * its tests and dropped after; skipped (and so seen as skipped) without TEST_POSTGRES_URL.
 */
export function describeOnPostgres(title: string, prefix: string, body: (pg: ReturnType<typeof scratchPostgres>) => void): void {
  describe.skipIf(!TEST_POSTGRES_URL)(title, () => {
    const pg = scratchPostgres(prefix);
    beforeAll(() => pg.create(), 60_000);
    afterAll(() => pg.drop());
    body(pg);
  });
}
