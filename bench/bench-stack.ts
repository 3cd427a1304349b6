import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StackInfo } from "../e2e/stack-info";
import { createTestDatabases } from "../e2e/test-databases";
import { startStack, type Stack, type StackOptions } from "../scripts/stack";

/** What the e2e fixtures need to reach a started stack. */
export function stackInfoOf(stack: Stack): StackInfo {
  return {
    appUrl: stack.appUrl,
    demoUrl: stack.demoUrl,
    synapseUrl: stack.synapseUrl,
    databaseUrl: stack.databaseUrl,
    registrationSecret: stack.synapse.registrationSharedSecret,
  } as StackInfo;
}

/**
 * The whole product for a benchmark: the production build, quiet, and the app's database on
 * BENCH_POSTGRES_URL's PostgreSQL (an admin URL, as CI's TEST_POSTGRES_URL) when set, else PGlite.
 * `info` is what the e2e fixtures need; `keepLogs` copies the stack's logs for a failed run;
 * `close` stops everything and removes its data.
 */
export async function benchStack(name: string, opts: Pick<StackOptions, "appEnv" | "routerEnv"> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), `sealdesk-bench-${name}-`));
  const dbs = process.env.BENCH_POSTGRES_URL ? await createTestDatabases(process.env.BENCH_POSTGRES_URL) : null;
  const stack = await startStack({ dataDir, appMode: "start", quiet: true, databaseUrl: dbs?.appUrl, ...opts });
  const info = stackInfoOf(stack);
  return {
    stack,
    info,
    async keepLogs(): Promise<void> {
      const kept = path.join(tmpdir(), `sealdesk-bench-${name}-logs`);
      await cp(path.join(dataDir, "logs"), kept, { recursive: true }).catch(() => {});
      console.error(`logs kept in ${kept}`);
    },
    async close(): Promise<void> {
      await stack.stop();
      await dbs?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
