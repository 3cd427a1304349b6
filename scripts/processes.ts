import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";

/** A child process we started and must stop. */
export type Managed = { name: string; child: ChildProcess; stop(): Promise<void>; kill(): Promise<void> };

/** A free TCP port on 127.0.0.1 (asks the kernel, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a process whose output lines are prefixed with its name, and which
 * stop() ends (SIGTERM, then SIGKILL after a grace period).
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  opts: SpawnOptions & { quiet?: boolean; onLine?: (line: string) => void; logFile?: string },
): Managed {
  const child = spawn(command, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const onData = (buf: Buffer): void => {
    for (const line of buf.toString().split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 50) tail.shift();
      opts.onLine?.(line);
      if (opts.logFile) appendFileSync(opts.logFile, `${new Date().toISOString()} ${line}\n`);
      if (!opts.quiet) console.log(`[${name}] ${line}`);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exited = child.exitCode !== null;
  let stopping = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  child.once("exit", (code, signal) => {
    if (!stopping && code && code !== 0) console.error(`[${name}] exited with code ${code}${signal ? ` (${signal})` : ""}\n${tail.slice(-20).join("\n")}`);
  });
  return {
    name,
    child,
    /** SIGKILL: a crash, no clean-up. */
    async kill() {
      if (exited) return;
      stopping = true;
      child.kill("SIGKILL");
      await exit;
    },
    async stop() {
      if (exited) return;
      stopping = true;
      child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 8000);
      await exit;
      clearTimeout(timeout);
    },
  };
}

/** Polls a URL until it answers (any status below 500), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, what: string, alive?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (alive && !alive()) throw new Error(`${what} exited before it answered at ${url}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s`);
}
