import { connectPostgres } from "../../drizzle/connect";

/** Every table of ours whose rows mention `value` (the erasure audit aside, which names whom an operator erased). */
export async function ourTablesNaming(databaseUrl: string, value: string): Promise<string[]> {
  const sql = connectPostgres(databaseUrl, 1);
  try {
    const tables = await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public' and tablename <> 'erasures'`;
    const hits: string[] = [];
    for (const { tablename } of tables) {
      const [r] = await sql.unsafe(`select count(*)::int as n from "${tablename}" t where position($1 in t::text) > 0`, [value]);
      if (Number(r?.n ?? 0) > 0) hits.push(tablename);
    }
    return hits;
  } finally {
    await sql.end();
  }
}
