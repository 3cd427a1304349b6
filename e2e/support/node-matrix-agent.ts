// A support agent who uses only a plain Matrix client (like Element): matrix-js-sdk
// with Rust crypto, driven from Node. Independent of our own lib/ code but for
// paging back through history, which a real client does when the user scrolls up.
import { withoutMatrixRTC } from "../../lib/matrix/without-matrix-rtc";
import { quietSdkRootLogger } from "./quiet-sdk-logger";
import {
  ClientEvent,
  createClient,
  KnownMembership,
  MatrixError,
  MatrixEventEvent,
  RoomEvent,
  type ICreateClientOpts,
  type MatrixClient,
  type MatrixEvent,
} from "matrix-js-sdk";
import { OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api/index.js";
import { loadWholeHistory } from "@/lib/matrix/load-whole-history";
import { defined } from "@/lib/testing/defined";

quietSdkRootLogger();

export type NodeAgent = {
  userId: string;
  client: MatrixClient;
  /** Resolves with the room id of the first invite for which `match(roomId, inviterUserId)` is true (including invites already pending). */
  waitForInvite(match?: (roomId: string, inviter: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Joins (accepting an MSC4268 key bundle from the inviter: client.joinRoom does this). */
  join(roomId: string): Promise<void>;
  /** Resolves once a m.room.message whose body includes `text` is in the room's live timeline and decrypted. */
  waitForMessage(roomId: string, text: string, timeoutMs?: number): Promise<{ sender: string; body: string; encrypted: boolean }>;
  /** Sends m.text, only once the crypto layer knows the room is encrypted (else matrix-js-sdk would send plaintext). */
  sendText(roomId: string, body: string): Promise<void>;
  /** Sends a text to an unencrypted room (e.g. a bot's command room); throws if the room is encrypted. */
  sendPlainCommand(roomId: string, body: string): Promise<void>;
  /** Stops syncing and logs the device out (its in-memory keys cannot be reused anyway). */
  stop(): Promise<void>;
};

type Logger = NonNullable<ICreateClientOpts["logger"]>;

/** Drops trace/debug/info (matrix-js-sdk and the Rust crypto are very chatty); keeps warn/error. */
function quietLogger(prefix: string): Logger {
  const drop = (): void => {};
  return {
    trace: drop,
    debug: drop,
    info: drop,
    warn: (...msg: unknown[]) => console.warn(prefix, ...msg),
    error: (...msg: unknown[]) => console.error(prefix, ...msg),
    getChild: (namespace: string) => quietLogger(`${prefix}${namespace}`),
  };
}

/**
 * Resolves with the first non-undefined result of `check`, re-evaluated after every
 * sync, timeline event and decryption, and every 250 ms (crypto state changes
 * between syncs); rejects with `describe()` after `timeoutMs`.
 */
function until<T>(client: MatrixClient, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      client.off(ClientEvent.Sync, onChange);
      client.off(RoomEvent.Timeline, onChange);
      client.off(RoomEvent.MyMembership, onChange);
      client.off(MatrixEventEvent.Decrypted, onChange);
      settle();
    };
    const onChange = (): void => {
      if (running) {
        again = true; // re-check once the current (async) check is over
        return;
      }
      running = true;
      void (async () => {
        do {
          again = false;
          const result = await check();
          if (result !== undefined) return finish(() => resolve(result));
        } while (again && !done);
      })()
        .catch((err: unknown) => finish(() => reject(err instanceof Error ? err : new Error(String(err)))))
        .finally(() => {
          running = false;
        });
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`))), timeoutMs);
    const poll = setInterval(onChange, 250);
    client.on(ClientEvent.Sync, onChange);
    client.on(RoomEvent.Timeline, onChange);
    client.on(RoomEvent.MyMembership, onChange);
    client.on(MatrixEventEvent.Decrypted, onChange);
    onChange();
  });
}

export async function startNodeAgent(opts: { baseUrl: string; username: string; password: string; deviceDisplayName?: string }): Promise<NodeAgent> {
  const login = await createClient({ baseUrl: opts.baseUrl, logger: quietLogger(`[${opts.username}]`) }).loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: opts.username },
    password: opts.password,
    initial_device_display_name: opts.deviceDisplayName ?? "sealdesk e2e node agent",
  });
  const userId = login.user_id;
  const client = createClient({
    baseUrl: opts.baseUrl,
    userId,
    deviceId: login.device_id,
    accessToken: login.access_token,
    logger: quietLogger(`[${userId}]`),
  });
  withoutMatrixRTC(client); // no calls; and its per-room log lines
  // In Node the crypto package's `node` export condition reads the .wasm from disk,
  // inside the initAsync() that initRustCrypto already calls; nothing to do here.
  await client.initRustCrypto({ useIndexedDB: false });
  const crypto = client.getCrypto();
  if (!crypto) throw new Error("Rust crypto did not initialise");
  crypto.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());

  // A fresh in-memory device never holds the private cross-signing keys, so always make
  // a new identity (replacing any the account had: that needs password auth), BEFORE
  // syncing: a /keys/query from the sync loop racing the upload can return the old
  // identity, and the Rust crypto then drops the new private keys for good.
  await crypto.bootstrapCrossSigning({
    setupNewCrossSigning: true,
    authUploadDeviceSigningKeys: async (makeRequest) => {
      try {
        await makeRequest(null); // the first upload needs no auth (MSC3967)
      } catch (err) {
        const session: unknown = err instanceof MatrixError && err.httpStatus === 401 ? err.data.session : undefined;
        if (typeof session !== "string") throw err;
        await makeRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: userId }, password: opts.password, session });
      }
    },
  });
  try {
    const prepared = until(
      client,
      () => (client.isInitialSyncComplete() ? true : undefined),
      60_000,
      () => `first sync of ${userId}`,
    );
    await client.startClient({ initialSyncLimit: 20 });
    await prepared;
    // Checked only after the first sync, which fetches our own (new) public identity;
    // before it, every own-identity lookup waits ~1 s for that pending /keys/query.
    await until(
      client,
      async () => ((await crypto.isCrossSigningReady()) ? true : undefined),
      15_000,
      () => `cross-signing of ${userId} is not ready`,
    );
  } catch (err) {
    client.stopClient();
    throw err;
  }

  const inviterOf = (roomId: string): string | undefined => {
    const room = client.getRoom(roomId);
    if (room?.getMyMembership() !== KnownMembership.Invite) return undefined;
    return room.getMember(userId)?.events.member?.getSender();
  };

  return {
    userId,
    client,
    waitForInvite: (match = () => true, timeoutMs = 30_000) =>
      until(
        client,
        () =>
          client.getRooms().find((r) => {
            const inviter = inviterOf(r.roomId);
            return inviter !== undefined && match(r.roomId, inviter);
          })?.roomId,
        timeoutMs,
        () => `no matching invite for ${userId}`,
      ),

    async join(roomId) {
      await client.joinRoom(roomId);
    },

    waitForMessage(roomId, text, timeoutMs = 30_000) {
      let lastScrollback = 0;
      return until(
        client,
        async () => {
          // Like a user scrolling up: a late joiner's first sync shows only the newest events.
          const room = client.getRoom(roomId);
          if (room && Date.now() - lastScrollback > 1_000) {
            lastScrollback = Date.now();
            await loadWholeHistory(client, room);
          }
          for (const ev of client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? []) {
            if (ev.isBeingDecrypted() || ev.isDecryptionFailure() || ev.getType() !== "m.room.message") continue;
            const body: unknown = ev.getContent().body;
            if (typeof body === "string" && body.includes(text)) return { sender: ev.getSender() ?? "", body, encrypted: ev.isEncrypted() };
          }
          return undefined;
        },
        timeoutMs,
        () => {
          const events = client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [];
          const failures = events
            .filter((e) => e.isDecryptionFailure())
            .map((e) => `${e.decryptionFailureReason} session ${String(e.getWireContent().session_id)}`);
          const decrypted = events.filter((e) => e.isEncrypted() && !e.isDecryptionFailure()).map((e) => `session ${String(e.getWireContent().session_id)}`);
          return (
            `${userId} saw no message containing ${JSON.stringify(text)} in ${roomId} ` +
            `(${events.length} timeline events: ${events.map((e) => e.getType()).join(",")}; undecryptable: ${JSON.stringify(failures)}, decrypted: ${JSON.stringify(decrypted)})`
          );
        },
      );
    },

    async sendText(roomId, body) {
      const deadline = Date.now() + 15_000;
      while (!(await crypto.isEncryptionEnabledInRoom(roomId))) {
        if (Date.now() > deadline) throw new Error(`Not sent: ${userId}'s client does not know ${roomId} is encrypted`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await client.sendTextMessage(roomId, body);
    },

    async sendPlainCommand(roomId, body) {
      // Ask the server, not only our cache: right after a join the local state may be empty.
      const onServer = await client.getStateEvent(roomId, "m.room.encryption", "").then(
        () => true,
        (err: unknown) => (err instanceof MatrixError && err.errcode === "M_NOT_FOUND" ? false : Promise.reject(err)),
      );
      if (onServer || (await crypto.isEncryptionEnabledInRoom(roomId))) {
        throw new Error(`Refusing to send a plain command: ${roomId} is encrypted`);
      }
      await client.sendTextMessage(roomId, body);
    },

    async stop() {
      client.stopClient();
      await client.logout();
    },
  };
}

/** The decrypted message whose body includes `text` in `who`'s timeline of the room (throws when it is not there). */
export function messageWith(who: NodeAgent, roomId: string, text: string): MatrixEvent {
  return defined(
    who.client
      .getRoom(roomId)
      ?.getLiveTimeline()
      .getEvents()
      .find((e) => e.getType() === "m.room.message" && String(e.getContent().body).includes(text)),
    `the event with ${text}`,
  );
}
