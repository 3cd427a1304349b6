"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useReducer, useState } from "react";
import { loadCredentials } from "../_console/matrix-credentials";

export type MatrixState =
  | { phase: "loading"; step: string }
  | { phase: "error"; message: string; needsSignIn: boolean }
  | { phase: "ready"; client: MatrixClient };

/**
 * Starts the agent's encrypted Matrix client in this browser, joins the
 * conversations visitors invite the agent to, and re-renders on every change.
 */
export function useMatrixClient(userId: string, wasmUrl: string): { state: MatrixState; version: number } {
  const [state, setState] = useState<MatrixState>({ phase: "loading", step: "Starting" });
  const [version, bump] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let stopped = false;
    let client: MatrixClient | undefined;
    (async () => {
      const creds = loadCredentials();
      if (!creds || creds.userId !== userId) {
        setState({ phase: "error", message: "Your session in this browser has ended. Sign in again.", needsSignIn: true });
        return;
      }
      // Loaded on demand: keeps matrix-js-sdk and the crypto module out of server rendering.
      const [{ startEncryptedClient }, sdk, { isVisitorUserId }] = await Promise.all([
        import("../../lib/matrix/start-encrypted-client"),
        import("matrix-js-sdk"),
        import("../../lib/conversation/event-types"),
      ]);
      client = await startEncryptedClient({
        ...creds,
        baseUrl: creds.homeserverUrl,
        wasmUrl,
        cryptoDatabasePrefix: "sealdesk-console",
        onProgress: (step) => !stopped && setState({ phase: "loading", step }),
      });
      if (stopped) {
        client.stopClient();
        return;
      }
      const c = client;
      const acceptInvite = (room: InstanceType<typeof sdk.Room>): void => {
        if (room.getMyMembership() !== sdk.KnownMembership.Invite) return;
        const inviter = room.getMember(c.getSafeUserId())?.events.member?.getSender();
        // Only visitors' invites: their client shares the history keys on invite (MSC4268).
        if (inviter && isVisitorUserId(inviter)) c.joinRoom(room.roomId).catch(() => {});
      };
      c.getRooms().forEach(acceptInvite);
      c.on(sdk.ClientEvent.Room, acceptInvite);
      c.on(sdk.RoomEvent.MyMembership, acceptInvite);
      c.on(sdk.ClientEvent.Room, bump);
      c.on(sdk.RoomEvent.Timeline, bump);
      c.on(sdk.RoomEvent.LocalEchoUpdated, bump);
      c.on(sdk.RoomEvent.MyMembership, bump);
      c.on(sdk.RoomStateEvent.Events, bump);
      c.on(sdk.MatrixEventEvent.Decrypted, bump);
      setState({ phase: "ready", client: c });
    })().catch((err: Error) => {
      if (!stopped) setState({ phase: "error", message: err.message, needsSignIn: false });
    });
    return () => {
      stopped = true;
      client?.stopClient();
    };
  }, [userId, wasmUrl]);

  return { state, version };
}
