import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { connectPostgres } from "../drizzle/connect";
import type { StackInfo } from "./stack-info";
import { mailTexts, receivedMail } from "./support/smtp-sink";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Every row of every table in the public schema, as text. */
async function dumpPostgres(url: string): Promise<string> {
  const sql = connectPostgres(url, 1);
  try {
    const tables = await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public'`;
    const parts: string[] = [];
    for (const { tablename } of tables) {
      const rows = await sql.unsafe(`select t::text as row from "${tablename}" t`);
      for (const r of rows) parts.push(String(r.row));
    }
    return parts.join("\n");
  } finally {
    await sql.end();
  }
}

/**
 * Looks for each needle, as UTF-8 bytes, everywhere an attacker with the
 * servers' storage would look: Synapse's database (SQLite files or every
 * PostgreSQL row), its media store, the app database (PGlite's files or
 * every PostgreSQL row), and every email the local SMTP server received. Returns the places where a needle was found.
 */
export async function findPlaintext(stack: StackInfo, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  const check = (where: string, haystack: Buffer): void => {
    for (const n of needles) if (haystack.includes(Buffer.from(n, "utf8"))) hits.push(`${n} in ${where}`);
  };
  // Synapse data dir: SQLite db + WAL, media store (key bundles, attachments), logs.
  for (const file of await filesUnder(stack.synapseDataDir)) {
    if ((await stat(file)).size < 200 * 1024 * 1024) check(file, await readFile(file));
  }
  if (stack.synapseDatabase.kind === "postgres") check("Synapse PostgreSQL", Buffer.from(await dumpPostgres(stack.synapseDatabase.url)));
  if (stack.pgliteDir) for (const file of await filesUnder(stack.pgliteDir)) check(file, await readFile(file));
  check("app database", Buffer.from(await dumpPostgres(stack.databaseUrl)));
  // Every email the SMTP server received (reply emails must carry no message text), raw and decoded.
  for (const mail of await receivedMail(stack.mailDir)) for (const text of mailTexts(mail.raw)) check(`email ${mail.file}`, Buffer.from(text, "utf8"));
  return hits;
}

/** Sanity check for the scanner itself: a string we know is stored must be found. */
export async function scannerSees(stack: StackInfo, knownStored: string): Promise<boolean> {
  return (await findPlaintext(stack, [knownStored])).length > 0;
}
