import type { MatrixClient } from "matrix-js-sdk";
import type { IdentityState, SecretStorageKeyHolder } from "../../lib/matrix/secure-backup";
import { loadCredentials } from "../_console/matrix-credentials";
import type { AssignmentModules } from "./follow-assignments";
import type { MatrixStore, StoreEventNames } from "./matrix-store";
import { whenIdle } from "./when-idle";
import { markIncoming } from "../../lib/perf/incoming-marks";

/** What the inbox shows while the agent's Matrix client starts. */
export type MatrixState =
  | { phase: "loading"; step: string }
  | { phase: "error"; message: string; needsSignIn: boolean }
  // The client syncs, but this device is not yet set up (first login) or verified (second device).
  | { phase: "device-setup"; client: MatrixClient; identity: Exclude<IdentityState, "ready">; holder: SecretStorageKeyHolder }
  // `shown`: the page calls it once the inbox is on screen; work the list does not need starts then.
  | { phase: "ready"; client: MatrixClient; store: MatrixStore; shown: () => void };

/** What a console session reports to, and asks of, the page. */
export type SessionHooks = {
  userId: string;
  wasmUrl: string;
  holder: SecretStorageKeyHolder;
  show: (state: MatrixState) => void;
  /** The device set-up screen calls `done` when the agent has finished it. */
  onSetupDone: (done: () => void) => void;
};

// Cold-start timeline (bench/console-inbox.ts reads these marks).
const mark = (step: string): void => void performance.mark(`sealdesk:${step}`);

/** Loaded on demand: keeps matrix-js-sdk and the crypto module out of server rendering. */
async function loadConsoleModules() {
  const [
    { startEncryptedClient },
    { CONSOLE_SYNC_FILTER },
    { identityState, secretStorageCallbacks },
    sdk,
    { followRouting },
    { CONVERSATION_EVENT },
    { followNotesReaders },
    { joinAcceptingHistory },
    { historySharerCheck, loadHistoryTrust },
    { mayInviteReader },
    { createMatrixStore },
    { consoleRoomReaders },
    { followAssignments },
    { followErasures },
    { followClosedRooms },
  ] = await Promise.all([
    import("../../lib/matrix/start-encrypted-client"),
    import("../../lib/matrix/sync-store"),
    import("../../lib/matrix/secure-backup"),
    import("matrix-js-sdk"),
    import("../../lib/matrix/follow-routing"),
    import("../../lib/conversation/event-types"),
    import("../../lib/matrix/notes-room"),
    import("../../lib/matrix/join-with-history"),
    import("./history-trust"),
    import("./member-guard"),
    import("./matrix-store"),
    import("./room-readers"),
    import("./follow-assignments"),
    import("./shred-erased-rooms"),
    import("./leave-closed-rooms"),
  ]);
  const assignments: AssignmentModules = {
    sdk,
    followRouting,
    CONVERSATION_EVENT,
    followNotesReaders,
    joinAcceptingHistory,
    historySharerCheck,
    mayInviteReader,
  };
  return {
    startEncryptedClient,
    CONSOLE_SYNC_FILTER,
    identityState,
    secretStorageCallbacks,
    loadHistoryTrust,
    createMatrixStore,
    consoleRoomReaders,
    followAssignments,
    followErasures,
    followClosedRooms,
    assignments,
  };
}
type ConsoleModules = Awaited<ReturnType<typeof loadConsoleModules>>;

const storeEventNames = (sdk: typeof import("matrix-js-sdk")): StoreEventNames => ({
  room: sdk.ClientEvent.Room,
  timeline: sdk.RoomEvent.Timeline,
  localEcho: sdk.RoomEvent.LocalEchoUpdated,
  myMembership: sdk.RoomEvent.MyMembership,
  state: sdk.RoomStateEvent.Events,
  decrypted: sdk.MatrixEventEvent.Decrypted,
  typing: sdk.RoomMemberEvent.Typing,
  receipt: sdk.RoomEvent.Receipt,
});

type Identity = Exclude<IdentityState, "ready">;
type Settle = {
  stopped: () => boolean;
  setUp: (identity: Identity) => Promise<void>;
  lateReady: () => void;
  /** Runs a check once the inbox is on screen (its crypto and requests would slow the list's first draw). */
  afterList: (check: () => void) => void;
};

/**
 * First login: cross-signing, secret storage and key backup with a recovery key.
 * Another device: verify with the recovery key or with emoji (needs sync, so it runs here).
 * A device this browser already saw verified shows the inbox at once and checks its identity
 * after (about 15 % of a cold start); the check still sends it to set-up if that changed.
 * Returns false when the session stopped meanwhile.
 */
async function settleIdentity(c: MatrixClient, m: ConsoleModules, s: Settle): Promise<boolean> {
  const readyKey = `sealdesk:console:identity-ready:${c.getSafeUserId()}:${c.getDeviceId()}`;
  const knownReady = localStorage.getItem(readyKey) === "1";
  const check = (): Promise<IdentityState> => m.identityState(c).then((found) => (mark("identity checked"), found));
  const setUp = async (identity: Identity): Promise<void> => {
    localStorage.removeItem(readyKey);
    await s.setUp(identity);
  };
  if (!knownReady) {
    const identity = await check();
    if (identity !== "ready") await setUp(identity);
    if (s.stopped()) return false;
    localStorage.setItem(readyKey, "1");
    return true;
  }
  s.afterList(
    () =>
      void check()
        .then(async (identity) => {
          if (identity === "ready" || s.stopped()) return;
          await setUp(identity);
          if (s.stopped()) return;
          localStorage.setItem(readyKey, "1");
          s.lateReady();
        })
        .catch(() => {}),
  );
  return true;
}

/** Work queued for once the list is on screen: one idle task each (not one long one), the stored sync's write last. */
function afterTheList(releaseSaves: () => void, stopped: () => boolean): { later: (() => void)[]; shown: () => void } {
  const later: (() => void)[] = [];
  const shown = (): void => {
    if (later.length === 0) return;
    mark("list shown");
    for (const run of [...later.splice(0), releaseSaves]) whenIdle(() => !stopped() && run());
  };
  return { later, shown };
}

/**
 * Starts the agent's encrypted Matrix client in this browser, sets its device
 * up when needed, follows the router's assignments and keeps the console's
 * Matrix store. Returns the stop function.
 */
export function startConsoleSession(h: SessionHooks): () => void {
  let stopped = false;
  let client: MatrixClient | undefined;
  let store: MatrixStore | undefined;
  let stopFollowing = (): void => {};
  let stopShredding = (): void => {};
  let stopLeaving = (): void => {};
  const run = async (): Promise<void> => {
    mark("start");
    const creds = loadCredentials();
    if (!creds || creds.userId !== h.userId)
      return h.show({ phase: "error", message: "Your session in this browser has ended. Sign in again.", needsSignIn: true });
    // The crypto module compiles while the rest of the console's code loads (startEncryptedClient awaits the same load).
    void import("../../lib/matrix/start-encrypted-client").then((e) => e.loadCryptoWasm(h.wasmUrl)).catch(() => {});
    const m = await loadConsoleModules();
    mark("code loaded");
    // The stored sync is written once the inbox (or the device set-up) is on screen, not while it draws.
    let releaseSaves = (): void => {};
    const savesReleased = new Promise<void>((resolve) => (releaseSaves = resolve));
    const onProgress = (step: string): void => {
      mark(step);
      if (!stopped) h.show({ phase: "loading", step });
    };
    client = await m.startEncryptedClient({
      ...creds,
      baseUrl: creds.homeserverUrl,
      wasmUrl: h.wasmUrl,
      cryptoDatabasePrefix: "sealdesk-console",
      cryptoCallbacks: m.secretStorageCallbacks(h.holder),
      identity: "caller",
      // A reload resumes from the stored sync (this browser's own record, like the crypto store); the start still
      // waits for the server's answer to its token, so every check below runs over current rooms (known-limits.md).
      persistSync: true,
      saveSyncAfter: savesReleased,
      syncFilter: m.CONSOLE_SYNC_FILTER,
      onProgress,
      onMark: mark,
    });
    mark("first sync done");
    markIncoming(client);
    const c = client;
    const s = (store = m.createMatrixStore(c, storeEventNames(m.assignments.sdk), m.consoleRoomReaders(c)));
    // Forwarded history shows as its writers' only once we know whom to believe.
    void m.loadHistoryTrust(c.getSafeUserId()).then(() => s.refreshAll());
    if (stopped) return c.stopClient();
    // Crypto-shredding: erased rooms' keys leave the key backup and this client, at every start (even on a device
    // still to be verified: the backup is the account's) and every few minutes.
    stopShredding = m.followErasures(c, () => s.refreshAll());
    const setUp = (identity: Identity): Promise<void> =>
      new Promise<void>((resolve) => {
        releaseSaves();
        h.onSetupDone(resolve);
        h.show({ phase: "device-setup", client: c, identity, holder: h.holder });
      });
    // Started once the list is on screen and the browser idle (a warm start's list waits for nothing of theirs): the
    // identity check of a device this browser saw verified, the assignments' follow-up, the closed rooms' leaving
    // and the stored sync's write.
    const { later, shown } = afterTheList(releaseSaves, () => stopped);
    const ready = (): void => h.show({ phase: "ready", client: c, store: s, shown });
    const settled = await settleIdentity(c, m, { stopped: () => stopped, setUp, lateReady: ready, afterList: (check) => later.push(check) });
    if (!settled) return;
    later.push(() => {
      stopFollowing = m.followAssignments(c, m.assignments);
      // Closed conversations the router has left are left here too: sync and memory follow open work (docs/architecture.md).
      stopLeaving = m.followClosedRooms(c, m.assignments.sdk, () => s.refreshAll());
    });
    ready();
    mark("ready");
  };
  run().catch((err: Error) => {
    if (!stopped) h.show({ phase: "error", message: err.message, needsSignIn: false });
  });
  return () => {
    stopped = true;
    stopFollowing();
    stopShredding();
    stopLeaving();
    store?.stop();
    client?.stopClient();
  };
}
