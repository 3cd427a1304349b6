// `npm run bench` (part 4): the homeserver's own floor for the routing burst, on
// a bare Synapse (the project's config, SQLite) with nothing else running: 100
// users each invite one agent into their own existing room at the same instant.
// `bench/routing-latency.ts` measures the same floor on its own stack's Synapse
// in the same run as the burst (the figure its ratios use); this one shows what
// Synapse does alone.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../scripts/processes";
import { startSynapse } from "../synapse/synapse-process";
import { floorSetup, inviteBurst } from "./invite-floor";
import { summarise } from "./stats";

const USERS = 100;
const AGENTS = 20;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-floor-"));
const synapse = await startSynapse({ dataDir, port: await freePort(), relaxedRateLimits: true });
try {
  const loadBefore = load();
  const setup = await floorSetup(synapse.baseUrl, synapse.registrationSharedSecret, { users: USERS, agents: AGENTS, roomsEach: 1 });
  await new Promise((r) => setTimeout(r, 3_000)); // let background work (user directory, caches) settle
  const { first, allMs } = await inviteBurst(setup, 0);
  console.log(`\nSynapse floor: ${USERS} invites into ${USERS} existing rooms at once, nothing else running (no app, router or syncing clients):`);
  console.log(summarise("invite stored", first));
  console.log(
    `all ${USERS} in ${(allMs / 1000).toFixed(2)} s = ${(USERS / (allMs / 1000)).toFixed(0)} invites/s; load average before ${loadBefore}, after ${load()}`,
  );
} finally {
  await synapse.stop();
  await rm(dataDir, { recursive: true, force: true });
}
