// `npm run bench` (part 4): the homeserver's own floor for the routing burst.
// A bare Synapse (the project's config, SQLite) with nothing else running:
// 100 users each invite one agent into their own existing room at the same
// instant. Every design that invites the agent after the conversation arrives
// costs at least one such membership event per conversation, so this is the
// best "new conversation -> agent invited" a burst of 100 can get on this machine.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, EventType, Preset, Visibility, type ICreateClientOpts } from "matrix-js-sdk";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import { freePort } from "../scripts/processes";
import { startSynapse } from "../synapse/synapse-process";
import { summarise } from "./stats";
import { defined } from "../lib/testing/defined";

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };
const USERS = 100;
const AGENTS = 20;

const dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-bench-floor-"));
const synapse = await startSynapse({ dataDir, port: await freePort(), relaxedRateLimits: true });
try {
  const register = (username: string) =>
    registerWithSharedSecret({ homeserverUrl: synapse.baseUrl, sharedSecret: synapse.registrationSharedSecret, username, password: `pw-${username}` });
  const agents: Awaited<ReturnType<typeof register>>[] = [];
  for (let i = 0; i < AGENTS; i++) agents.push(await register(`floor-agent-${i}`));
  const users = await Promise.all(Array.from({ length: USERS }, (_, i) => register(`floor-user-${i}`)));
  const clients = users.map((u) => createClient({ baseUrl: synapse.baseUrl, userId: u.userId, accessToken: u.accessToken, logger: quiet }));
  const rooms = await Promise.all(
    clients.map(async (c) => {
      const { room_id } = await c.createRoom({
        visibility: Visibility.Private,
        preset: Preset.PrivateChat,
        initial_state: [
          { type: EventType.RoomEncryption, state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
          { type: EventType.RoomHistoryVisibility, state_key: "", content: { history_visibility: "shared" } },
        ],
      });
      return room_id;
    }),
  );
  await new Promise((r) => setTimeout(r, 3_000)); // let background work (user directory, caches) settle
  const invited: number[] = [];
  const t = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      const t0 = performance.now();
      await c.invite(defined(rooms[i], `room ${i}`), defined(agents[i % AGENTS], `agent ${i % AGENTS}`).userId);
      invited.push(performance.now() - t0);
    }),
  );
  console.log(`\nSynapse floor: ${USERS} invites into ${USERS} existing rooms at once, nothing else running (no app, router or syncing clients):`);
  console.log(summarise("invite stored", invited));
  console.log(`all ${USERS} in ${((performance.now() - t) / 1000).toFixed(2)} s = ${(USERS / ((performance.now() - t) / 1000)).toFixed(0)} invites/s`);
} finally {
  await synapse.stop();
  await rm(dataDir, { recursive: true, force: true });
}
