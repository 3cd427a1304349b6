import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startProcess, type Managed } from "./processes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Starts PGlite behind pglite-server so the app and the router connect with
 * postgres.js exactly as they would to PostgreSQL. PGlite is one session
 * underneath: fine for development, not for concurrency tests.
 */
export async function startPglite(dataDir: string, port: number, quiet: boolean): Promise<{ url: string; process: Managed }> {
  await mkdir(dataDir, { recursive: true });
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  let ready: () => void;
  const listening = new Promise<void>((r) => (ready = r));
  const proc = startProcess("pglite", process.execPath, [tsx, path.join(root, "scripts/pglite-server.ts"), `--db=${dataDir}`, `--port=${port}`], {
    quiet,
    onLine: (line) => /listening/i.test(line) && ready(),
  });
  const exited = new Promise<never>((_, reject) => proc.child.once("exit", (code) => reject(new Error(`pglite-server exited with code ${code}`))));
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("pglite-server did not start within 60s")), 60_000));
  await Promise.race([listening, exited, timeout]);
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, process: proc };
}
