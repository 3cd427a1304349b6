import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startStack } from "../scripts/stack";
import { createTestDatabases } from "./test-databases";
import type { StackInfo } from "./stack-info";

/**
 * Starts a fresh stack for the run on free ports: Synapse (SQLite, or
 * PostgreSQL with TEST_POSTGRES_URL), the app database (PGlite, or
 * PostgreSQL), the production build of the app, the router and the demo page.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-e2e-"));
  const adminUrl = process.env.TEST_POSTGRES_URL;
  const dbs = adminUrl ? await createTestDatabases(adminUrl) : null;
  const stack = await startStack({
    dataDir,
    appMode: "start",
    databaseUrl: dbs?.appUrl,
    synapsePostgres: dbs?.synapse,
    quiet: !process.env.E2E_VERBOSE,
  });
  const info: StackInfo = {
    appUrl: stack.appUrl,
    demoUrl: stack.demoUrl,
    synapseUrl: stack.synapseUrl,
    databaseUrl: stack.databaseUrl,
    synapseDataDir: stack.synapse.dataDir,
    synapseDatabase: dbs ? { kind: "postgres", url: synapseUrlOf(adminUrl!, dbs.synapse.database) } : { kind: "sqlite", file: path.join(stack.synapse.dataDir, "homeserver.db") },
    pgliteDir: dbs ? null : path.join(dataDir, "pglite"),
    router: stack.accounts.router,
    agent: stack.accounts.demoAgent,
  };
  process.env.SEALDESK_STACK = JSON.stringify(info);
  console.log(`e2e stack: app ${stack.appUrl}, demo ${stack.demoUrl}, synapse ${stack.synapseUrl}, ${dbs ? "PostgreSQL" : "PGlite + SQLite"}`);
  return async () => {
    await stack.stop();
    await dbs?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

function synapseUrlOf(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
