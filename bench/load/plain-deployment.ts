// The floor: Synapse alone on PostgreSQL, with the product's configuration (same rate
// limits, push settings and application service for visitor accounts) but without any
// Sealdesk part: no app, no router process, and no confinement module in Synapse.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabases } from "../../e2e/test-databases";
import { freePort } from "../../scripts/processes";
import { ensureSynapseInstalled, startSynapse } from "../../synapse/synapse-process";
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
  const synapse = await startSynapse({
    dataDir: path.join(dataDir, "synapse"),
    port: await freePort(),
    relaxedRateLimits: true,
    postgres: dbs.synapse,
    editConfig: withoutModules,
  });
  const observer = observe("plain", adminUrl, dbs, () => ({ synapse: [{ name: "synapse", pid: synapse.pid }], routers: [] }));
  return {
    ...observer,
    synapseUrl: synapse.baseUrl,
    serverName: synapse.serverName,
    sharedSecret: synapse.registrationSharedSecret,
    asToken: synapse.appServiceToken,
    async close(): Promise<void> {
      await observer.end();
      await synapse.stop();
      await dbs.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type PlainDeployment = Awaited<ReturnType<typeof startPlainDeployment>>;
