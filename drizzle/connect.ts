import postgres from "postgres";

/**
 * A postgres.js connection pool for our database. Unnamed statements
 * (`prepare: false`): pglite-server multiplexes every connection onto one
 * PGlite session, where named prepared statements of different clients
 * collide; the same setting also suits PgBouncer in transaction mode.
 */
export function connectPostgres(databaseUrl: string, max: number): postgres.Sql {
  return postgres(databaseUrl, { max, prepare: false, onnotice: () => {} });
}
