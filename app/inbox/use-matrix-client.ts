"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { IdentityState, SecretStorageKeyHolder } from "../../lib/matrix/secure-backup";
import { loadCredentials } from "../_console/matrix-credentials";
import { alertNewAssignment } from "./assignment-alert";

// Readers the router adds are invited by the visitor's widget first when it is online:
// history it shares is attributed to the visitor's device (see followRouting).
const AGENT_INVITE_DEFER_MS = 5_000;

export type MatrixState =
  | { phase: "loading"; step: string }
  | { phase: "error"; message: string; needsSignIn: boolean }
  // The client syncs, but this device is not yet set up (first login) or verified (second device).
  | { phase: "device-setup"; client: MatrixClient; identity: Exclude<IdentityState, "ready">; holder: SecretStorageKeyHolder }
  | { phase: "ready"; client: MatrixClient };

/**
 * Starts the agent's encrypted Matrix client in this browser, joins the
 * conversations the router assigns to the agent, shares history with new
 * readers of joined conversations, and re-renders on every change.
 */
export function useMatrixClient(userId: string, wasmUrl: string): { state: MatrixState; version: number; deviceReady: () => void; holder: SecretStorageKeyHolder } {
  const [state, setState] = useState<MatrixState>({ phase: "loading", step: "Starting" });
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const setupDone = useRef<() => void>(() => {});
  const deviceReady = useCallback(() => setupDone.current(), []);
  // The recovery key, decoded, only in memory while this page lives (the first sign-in's set-up steps reuse it).
  const holderRef = useRef<SecretStorageKeyHolder>({ key: null });

  useEffect(() => {
    let stopped = false;
    let client: MatrixClient | undefined;
    let stopPolling = (): void => {};
    const holder = holderRef.current;
    // Cold-start timeline (bench/console-inbox.ts reads these marks).
    const mark = (step: string): void => void performance.mark(`sealdesk:${step}`);
    (async () => {
      mark("start");
      const creds = loadCredentials();
      if (!creds || creds.userId !== userId) {
        setState({ phase: "error", message: "Your session in this browser has ended. Sign in again.", needsSignIn: true });
        return;
      }
      // Loaded on demand: keeps matrix-js-sdk and the crypto module out of server rendering.
      const [{ startEncryptedClient }, { identityState, secretStorageCallbacks }, sdk, { followRouting }, { CONVERSATION_EVENT }, { followNotesReaders }, { joinAcceptingHistory }, { historySharerCheck, loadHistoryTrust }, { mayInviteReader }] = await Promise.all([
        import("../../lib/matrix/start-encrypted-client"),
        import("../../lib/matrix/secure-backup"),
        import("matrix-js-sdk"),
        import("../../lib/matrix/follow-routing"),
        import("../../lib/conversation/event-types"),
        import("../../lib/matrix/notes-room"),
        import("../../lib/matrix/join-with-history"),
        import("./history-trust"),
        import("./member-guard"),
      ]);
      mark("code loaded");
      client = await startEncryptedClient({
        ...creds,
        baseUrl: creds.homeserverUrl,
        wasmUrl,
        cryptoDatabasePrefix: "sealdesk-console",
        cryptoCallbacks: secretStorageCallbacks(holder),
        identity: "caller",
        onProgress: (step) => {
          mark(step);
          if (!stopped) setState({ phase: "loading", step });
        },
      });
      mark("first sync done");
      // Forwarded history shows as its writers' only once we know whom to believe.
      void loadHistoryTrust(client.getSafeUserId()).then(bump);
      if (stopped) {
        client.stopClient();
        return;
      }
      const c = client;
      // First login: cross-signing, secret storage and key backup with a recovery key.
      // Another device: verify with the recovery key or with emoji (needs sync, so it runs here).
      // A device this browser already saw verified shows the inbox at once and checks its identity
      // after (about 15 % of a cold start); the check still sends it to set-up if that changed.
      const readyKey = `sealdesk:console:identity-ready:${c.getSafeUserId()}:${c.getDeviceId()}`;
      const knownReady = localStorage.getItem(readyKey) === "1";
      const checked = identityState(c).then((found) => (mark("identity checked"), found));
      const setUp = async (identity: Exclude<Awaited<typeof checked>, "ready">): Promise<void> => {
        localStorage.removeItem(readyKey);
        await new Promise<void>((resolve) => {
          setupDone.current = resolve;
          setState({ phase: "device-setup", client: c, identity, holder });
        });
      };
      if (!knownReady) {
        const identity = await checked;
        if (identity !== "ready") await setUp(identity);
        if (stopped) return;
        localStorage.setItem(readyKey, "1");
      } else {
        void checked
          .then(async (identity) => {
            if (identity === "ready" || stopped) return;
            await setUp(identity);
            if (stopped) return;
            localStorage.setItem(readyKey, "1");
            setState({ phase: "ready", client: c });
          })
          .catch(() => {});
      }
      // As a key holder, share the history with whoever the router lists as a reader (transfers),
      // once the same member check as for a message passes for that reader.
      const followed = new Map<string, () => void>();
      const followJoined = (): void => {
        for (const room of c.getRooms()) {
          if (followed.has(room.roomId) || room.getMyMembership() !== sdk.KnownMembership.Join) continue;
          if (!room.currentState.getStateEvents(CONVERSATION_EVENT, "")) continue;
          followed.set(room.roomId, followRouting(c, room.roomId, () => {}, { deferInvitesMs: AGENT_INVITE_DEFER_MS, mayInvite: (reader) => mayInviteReader(c, room.roomId, reader) }));
        }
      };
      // Join what the router assigned to me; the inviter's client shares the history on invite.
      const joining = new Set<string>();
      const joinAssigned = async (): Promise<void> => {
        const res = await fetch("/api/agent/conversations", { cache: "no-store" });
        if (!res.ok) return;
        const { conversations } = (await res.json()) as { conversations: { roomId: string; participants: string[]; notesRoomId: string | null }[] };
        // Internal notes of a conversation handed to me: a colleague invited me with the notes so far.
        for (const { notesRoomId, participants } of conversations) {
          if (!notesRoomId || c.getRoom(notesRoomId)?.getMyMembership() !== sdk.KnownMembership.Invite || joining.has(notesRoomId)) continue;
          joining.add(notesRoomId);
          await c.getCrypto()?.getUserDeviceInfo(participants, true).catch(() => {});
          await c.joinRoom(notesRoomId).catch(() => joining.delete(notesRoomId));
        }
        for (const { roomId, participants } of conversations) {
          if (c.getRoom(roomId)?.getMyMembership() !== sdk.KnownMembership.Invite || joining.has(roomId)) continue;
          joining.add(roomId);
          alertNewAssignment();
          await c.getCrypto()?.getUserDeviceInfo(participants, true).catch(() => {});
          // The history keys (MSC4268) are imported only from the visitor or a verified agent.
          await joinAcceptingHistory(c, roomId, historySharerCheck(c, roomId)).catch(() => joining.delete(roomId));
        }
      };
      const poll = setInterval(() => void joinAssigned().catch(() => {}), 2_000);
      // Agents newly assigned to a conversation get its internal notes (never the visitor).
      const stopNotes = followNotesReaders(c);
      stopPolling = () => (clearInterval(poll), stopNotes());
      void joinAssigned();
      c.on(sdk.RoomEvent.MyMembership, (room) => {
        followJoined();
        if (room.getMyMembership() === sdk.KnownMembership.Invite) void joinAssigned().catch(() => {});
      });
      followJoined();
      c.on(sdk.ClientEvent.Room, bump);
      c.on(sdk.RoomEvent.Timeline, bump);
      c.on(sdk.RoomEvent.LocalEchoUpdated, bump);
      c.on(sdk.RoomEvent.MyMembership, bump);
      c.on(sdk.RoomStateEvent.Events, bump);
      c.on(sdk.MatrixEventEvent.Decrypted, bump);
      c.on(sdk.RoomMemberEvent.Typing, bump);
      setState({ phase: "ready", client: c });
      mark("ready");
    })().catch((err: Error) => {
      if (!stopped) setState({ phase: "error", message: err.message, needsSignIn: false });
    });
    return () => {
      stopped = true;
      stopPolling();
      client?.stopClient();
    };
  }, [userId, wasmUrl]);

  return { state, version, deviceReady, holder: holderRef.current };
}
