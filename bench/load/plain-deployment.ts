// The floor: Synapse alone on PostgreSQL, with the product's configuration (same rate
// limits, push settings and application service for visitor accounts) but without any
// Sealdesk part: no app, no router process, and no confinement module in Synapse.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabases } from "../../e2e/test-databases";
import { freePort } from "../../scripts/processes";
import { ensureSynapseInstalled, prepareSynapseConfig, spawnSynapse } from "../../synapse/synapse-process";
import { observe } from "./deployment";

/**
 * homeserver.yaml without its top-level `modules:` block (Sealdesk's confinement module):
 * everything from that line up to the next top-level key or comment is dropped.
 */
export function withoutModules(yaml: string): string {
  const lines = yaml.split("\n");
  const start = lines.findIndex((l) => /^modules:\s*$/.test(l));
  if (start < 0) throw new Error("homeserver.yaml has no top-level modules: block");
  let end = start + 1;
  while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]!))) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join("\n");
}

/** Starts plain Synapse for the floor; `secrets` let the floor register its users up front. */
export async function startPlainDeployment(adminUrl: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-load-plain-"));
  const dbs = await createTestDatabases(adminUrl);
  await ensureSynapseInstalled();
  const prep = await prepareSynapseConfig({ dataDir: path.join(dataDir, "synapse"), port: await freePort(), relaxedRateLimits: true, postgres: dbs.synapse });
  await writeFile(prep.configFile, withoutModules(await readFile(prep.configFile, "utf8")));
  const child = await spawnSynapse({
    app: "synapse.app.homeserver",
    args: ["-c", prep.configFile],
    cwd: prep.dataDir,
    logFile: prep.logFile,
    readyUrl: `${prep.baseUrl}/_matrix/client/versions`,
  });
  const observer = observe("plain", adminUrl, dbs, () => ({ synapse: [{ name: "synapse", pid: child.pid }], routers: [] }));
  return {
    ...observer,
    synapseUrl: prep.baseUrl,
    serverName: prep.serverName,
    sharedSecret: prep.secrets.registrationSharedSecret,
    asToken: prep.secrets.appServiceToken,
    async close(): Promise<void> {
      await observer.end();
      await child.stop();
      await dbs.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type PlainDeployment = Awaited<ReturnType<typeof startPlainDeployment>>;
