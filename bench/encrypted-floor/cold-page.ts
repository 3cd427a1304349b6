// The cold-start floor's page (bundled by bench/encrypted-floor/serve.ts, driven by bench/cold-floor.ts): what a plain
// matrix-js-sdk client with rust crypto in IndexedDB, as Element runs it, takes from the page's navigation to its first
// encrypted message stored by Synapse, and nothing of Sealdesk's. Cold: a new account (registered before the clock)
// in an empty browser context starts its crypto, syncs and cross-signs while it creates an encrypted room with one
// invitee, then sends once the room is known encrypted with the invitee in it. Warm: the same page loaded again in
// the same context (crypto store kept, no sync store: the SDK's default) sends into that room.
import { initAsync } from "@matrix-org/matrix-sdk-crypto-wasm";
import { ClientEvent, createClient, MsgType, Preset, Visibility, type MatrixClient } from "matrix-js-sdk";
import { crossSignNewAccount, startAndSync } from "../client-started";

/** What the driver puts in the page's hash (JSON): the account, the invitee, and for a warm run the room. */
export type ColdFloorRun = {
  baseUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  wasmUrl: string;
  invitee: string;
  /** Set for a warm run: the room the cold run made. */
  roomId?: string;
};

const mark = (name: string): void => void performance.mark(`floor:${name}`);

// Resolves once this client's sync holds the room, the crypto layer knows it is encrypted and `invitee` is in it
// (invited or joined): what must hold before an encrypted send reaches the invitee. Checked after every sync.
function roomReady(c: MatrixClient, roomId: string, invitee: string): Promise<void> {
  return new Promise((resolve) => {
    const check = async (): Promise<void> => {
      const membership = c.getRoom(roomId)?.getMember(invitee)?.membership;
      if ((membership !== "invite" && membership !== "join") || !(await c.getCrypto()!.isEncryptionEnabledInRoom(roomId))) return;
      c.off(ClientEvent.Sync, onSync);
      resolve();
    };
    const onSync = (): void => void check();
    c.on(ClientEvent.Sync, onSync);
    void check();
  });
}

async function run(a: ColdFloorRun): Promise<string> {
  mark("script");
  await initAsync(new URL(a.wasmUrl, location.href));
  mark("wasm");
  const c = createClient({ baseUrl: a.baseUrl, userId: a.userId, deviceId: a.deviceId, accessToken: a.accessToken });
  // The room is made beside the crypto start, as the widget prepares its room.
  const room = a.roomId
    ? Promise.resolve(a.roomId)
    : c
        .createRoom({
          visibility: Visibility.Private,
          preset: Preset.PrivateChat,
          invite: [a.invitee],
          initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
        })
        .then((r) => (mark("room-created"), r.room_id));
  await c.initRustCrypto();
  mark("crypto-store");
  await startAndSync(c, 20);
  mark("synced");
  if (!a.roomId) {
    await crossSignNewAccount(c);
    mark("cross-signed");
  }
  const roomId = await room;
  await roomReady(c, roomId, a.invitee);
  mark("room-ready");
  await c.sendMessage(roomId, { msgtype: MsgType.Text, body: `floor message ${Date.now()}` });
  mark("stored");
  c.stopClient();
  return roomId;
}

const params = JSON.parse(decodeURIComponent(location.hash.slice(1))) as ColdFloorRun;
Object.assign(globalThis, { coldFloor: run(params) });
