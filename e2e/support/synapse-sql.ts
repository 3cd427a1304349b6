// Reads Synapse's own database (SQLite or PostgreSQL, whichever the stack runs), for specs
// that prove what the server stored or did not.
import { DatabaseSync } from "node:sqlite";
import { connectPostgres } from "../../drizzle/connect";
import type { StackInfo } from "../stack-info";

/** Rows of one read-only query; `?` placeholders on both databases. */
export async function synapseRows(stack: StackInfo, query: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
  const d = stack.synapseDatabase;
  if (d.kind === "sqlite") {
    const sqlite = new DatabaseSync(d.file, { readOnly: true });
    try {
      return sqlite.prepare(query).all(...params) as Record<string, unknown>[];
    } finally {
      sqlite.close();
    }
  }
  const sql = connectPostgres(d.url, 1);
  try {
    let i = 0;
    return [
      ...(await sql.unsafe(
        query.replace(/\?/g, () => `$${++i}`),
        params,
      )),
    ];
  } finally {
    await sql.end();
  }
}
