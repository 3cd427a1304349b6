// The transport's floor for message latency: two plain matrix-js-sdk clients in
// Node, no encryption, on the bench's own Synapse; one sends, the time until the
// other's /sync delivers the event to its timeline.
import { randomBytes } from "node:crypto";
import { createClient, Preset, RoomEvent, Visibility, type ICreateClientOpts, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import { startAndSync } from "./client-started";

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

/** Two syncing plain clients in one unencrypted room, and a way to time one message between them. */
export type FloorPair = {
  /** Milliseconds from calling send on `from` to the event in the other client's live timeline. */
  once(from: 0 | 1): Promise<number>;
  stop(): void;
};

async function started(client: MatrixClient): Promise<void> {
  await startAndSync(client, 1);
}

/** Registers two throw-away accounts on `homeserverUrl`, puts them in one room and starts both clients. */
export async function startFloorPair(homeserverUrl: string, sharedSecret: string): Promise<FloorPair> {
  const tag = randomBytes(4).toString("hex");
  const accounts = await Promise.all(
    [0, 1].map((i) =>
      registerWithSharedSecret({ homeserverUrl, sharedSecret, username: `floor-${tag}-${i}`, password: `pw-${tag}-${i}-${randomBytes(8).toString("hex")}` }),
    ),
  );
  const clients = accounts.map((a) =>
    createClient({ baseUrl: homeserverUrl, userId: a.userId, accessToken: a.accessToken, deviceId: a.deviceId, logger: quiet }),
  );
  const [a, b] = clients as [MatrixClient, MatrixClient];
  const { room_id: roomId } = await a.createRoom({ visibility: Visibility.Private, preset: Preset.PrivateChat, invite: [b.getSafeUserId()] });
  await b.joinRoom(roomId);
  await Promise.all(clients.map(started));
  const once = async (from: 0 | 1): Promise<number> => {
    const [sender, receiver] = from === 0 ? [a, b] : [b, a];
    const body = `floor ${randomBytes(6).toString("hex")}`;
    let t0 = 0;
    const arrived = new Promise<number>((resolve) => {
      const onEvent = (e: MatrixEvent, _room: unknown, toStart: boolean | undefined): void => {
        if (toStart || e.getRoomId() !== roomId || e.getContent().body !== body) return;
        receiver.off(RoomEvent.Timeline, onEvent);
        resolve(performance.now() - t0);
      };
      receiver.on(RoomEvent.Timeline, onEvent);
    });
    t0 = performance.now();
    await sender.sendTextMessage(roomId, body);
    return arrived;
  };
  return { once, stop: () => clients.forEach((c) => c.stopClient()) };
}
