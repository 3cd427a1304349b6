// Synapse's own floor for the routing burst, measured on whatever Synapse is given:
// the bench stack's (bench/routing-latency.ts, same run as the burst) or a bare one
// (bench/synapse-invite-floor.ts). Every design that invites the agent after the
// conversation arrives costs at least one membership event per conversation.
import { randomBytes } from "node:crypto";
import { createClient, EventType, Preset, Visibility, type ICreateClientOpts, type MatrixClient } from "matrix-js-sdk";
import { joinedToRoom } from "../lib/matrix/joined-to-room";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import { userOfToken } from "../lib/matrix/user-of-token";
import { defined } from "../lib/testing/defined";

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

/** Users who each own `roomsEach` encrypted rooms, and agents to invite (accounts only: no client syncs for them). */
export type FloorSetup = {
  users: { userId: string; accessToken: string; client: MatrixClient; rooms: string[] }[];
  agents: string[];
  /** The first round of room creations, all users at once: when each room was created (ms from the round's start). */
  created: number[];
};

/**
 * Registers `users` users and `agents` agents, then every user creates a room
 * at the same instant (timed: the floor of a cold start, which creates its
 * room in the burst), `roomsEach` rounds.
 */
export async function floorSetup(synapseUrl: string, sharedSecret: string, opts: { users: number; agents: number; roomsEach: number }): Promise<FloorSetup> {
  const tag = randomBytes(3).toString("hex");
  const register = (username: string) => registerWithSharedSecret({ homeserverUrl: synapseUrl, sharedSecret, username, password: `pw-${username}` });
  const agents: string[] = [];
  for (let i = 0; i < opts.agents; i++) agents.push((await register(`floor-${tag}-agent-${i}`)).userId);
  const accounts = await Promise.all(Array.from({ length: opts.users }, (_, i) => register(`floor-${tag}-user-${i}`)));
  const users = accounts.map((u) => ({
    userId: u.userId,
    accessToken: u.accessToken,
    client: createClient({ baseUrl: synapseUrl, userId: u.userId, accessToken: u.accessToken, logger: quiet }),
    rooms: [] as string[],
  }));
  const created: number[] = [];
  for (let r = 0; r < opts.roomsEach; r++) {
    const t = performance.now();
    await Promise.all(
      users.map(async (u) => {
        u.rooms.push(await createEncryptedRoom(u.client));
        if (r === 0) created.push(performance.now() - t);
      }),
    );
  }
  return { users, agents, created };
}

async function createEncryptedRoom(client: MatrixClient): Promise<string> {
  const { room_id } = await client.createRoom({
    visibility: Visibility.Private,
    preset: Preset.PrivateChat,
    initial_state: [
      { type: EventType.RoomEncryption, state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      { type: EventType.RoomHistoryVisibility, state_key: "", content: { history_visibility: "shared" } },
    ],
  });
  return room_id;
}

/**
 * Every user invites, at the same instant, one agent into its room number
 * `room`, then (when `standbys` > 0) that many more agents at once, as the
 * widget invites a ticket's readers (the agent first). Returns when each first
 * invite was stored (ms from the burst's start) and when the last one was.
 */
export async function inviteBurst(setup: FloorSetup, room: number, standbys = 0): Promise<{ first: number[]; allMs: number }> {
  const first: number[] = [];
  const agent = (i: number): string => defined(setup.agents[i % setup.agents.length], `agent ${i}`);
  const t = performance.now();
  await Promise.all(
    setup.users.map(async (u, i) => {
      const roomId = defined(u.rooms[room], `room ${room} of user ${i}`);
      await u.client.invite(roomId, agent(i));
      first.push(performance.now() - t);
      await Promise.all(Array.from({ length: standbys }, (_, s) => u.client.invite(roomId, agent(i + 1 + s))));
    }),
  );
  return { first, allMs: performance.now() - t };
}

/**
 * What the app's routing-ticket checks cost Synapse in a burst: every user at
 * once asks who it is (`whoami`) and whether it is joined to its room, the two
 * calls `POST /api/visitor/conversations` made for every ticket before it used
 * the router's record of prepared rooms (now only for a room not recorded yet).
 */
export async function checkBurst(synapseUrl: string, setup: FloorSetup): Promise<number[]> {
  const t = performance.now();
  return Promise.all(
    setup.users.map(async (u, i) => {
      const userId = await userOfToken(synapseUrl, u.accessToken);
      if (userId !== u.userId) throw new Error(`whoami answered ${userId} for ${u.userId}`);
      if (!(await joinedToRoom(synapseUrl, u.accessToken, defined(u.rooms[0], `room of user ${i}`), userId))) throw new Error(`${userId} not in its room`);
      return performance.now() - t;
    }),
  );
}
