import { ClientEvent, RoomEvent, RoomStateEvent, SyncState, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import { roomFact } from "./room-facts";
import type { RoomSource, RoomWriter } from "./room-source";

/**
 * The router's rooms from matrix-js-sdk's /sync. The client never initialises
 * crypto: no device keys, no room key.
 */
export function syncSource(client: MatrixClient, opts: { retryMs: number; log: (m: string) => void }): RoomSource {
  const me = client.getSafeUserId();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    async start(listener) {
      const changed = (): void => listener.changed();
      client.on(RoomEvent.MyMembership, changed);
      client.on(RoomStateEvent.Events, changed);
      client.on(ClientEvent.Sync, (state) => {
        if (state === SyncState.Error || state === SyncState.Reconnecting) opts.log(`sync ${state.toLowerCase()}`);
        dropLeftRooms(client);
        dropUnseenUsers(client);
        changed();
      });
      // Metadata only: who sent an event and when (the content stays encrypted).
      client.on(RoomEvent.Timeline, (ev: MatrixEvent, room: Room | undefined, toStart: boolean | undefined) => {
        if (toStart || !room || ev.isState() || ev.getSender() === me) return;
        listener.activity(room.roomId, ev.getSender() ?? "", new Date(ev.getTs()), ev.getWireType(), ev.getId());
      });
      await client.startClient({ initialSyncLimit: 1 });
      timer = setInterval(() => {
        // After Synapse restarts, matrix-js-sdk backs off between reconnection attempts
        // (up to minutes); routing cannot wait that long, so retry at the tick's pace.
        const sync = client.getSyncState();
        if (sync === SyncState.Error || sync === SyncState.Reconnecting) client.retryImmediately();
      }, opts.retryMs);
    },
    stop() {
      clearInterval(timer);
      client.stopClient();
    },
    summaries: () => client.getRooms().map((r) => ({ roomId: r.roomId, myMembership: r.getMyMembership() ?? null })),
    facts: (roomIds) =>
      roomIds.flatMap((id) => {
        const room = client.getRoom(id);
        return room ? [roomFact(room, me)] : [];
      }),
  };
}

/**
 * Removes the rooms the router has left from the client's store. `forget()` removes a room,
 * but a /sync that was already under way when the router left still brings the room back
 * (newly left rooms are in every incremental sync), as a left room nobody needs: the
 * reconcile looks only at invited and joined rooms. Without this the client kept every
 * closed conversation (`npm run bench:router` showed the rooms held growing with history).
 */
export function dropLeftRooms(client: Pick<MatrixClient, "getRooms" | "store">): number {
  let dropped = 0;
  for (const room of client.getRooms()) {
    const membership = room.getMyMembership();
    if (membership !== "leave" && membership !== "ban") continue;
    client.store.removeRoom(room.roomId);
    dropped++;
  }
  return dropped;
}

/**
 * Forgets the users the client's store knows only from rooms it no longer holds. matrix-js-sdk's
 * MemoryStore keeps a `User` for everyone it saw join any room, and removing a room leaves them:
 * each visitor is a new account, so the router kept one per conversation it ever handled.
 * The store has no call to remove a user, hence its field (the unit test runs the real store).
 */
export function dropUnseenUsers(client: Pick<MatrixClient, "getRooms" | "store" | "getSafeUserId">): number {
  const users = (client.store as unknown as { users?: Record<string, unknown> }).users;
  if (!users) return 0;
  const seen = new Set([client.getSafeUserId()]);
  for (const room of client.getRooms()) for (const m of room.currentState.getMembers()) seen.add(m.userId);
  let dropped = 0;
  for (const userId of Object.keys(users)) {
    if (seen.has(userId)) continue;
    delete users[userId];
    dropped++;
  }
  return dropped;
}

/** Synapse's answer when the router is not (or no longer) in the room: leaving is already done. */
export function notInRoom(e: Error & { httpStatus?: number }): boolean {
  return e.httpStatus === 403 || e.httpStatus === 404;
}

/** The router's writes, through the same client. */
export function clientWriter(client: MatrixClient): RoomWriter {
  return {
    join: async (roomId) => void (await client.joinRoom(roomId)),
    leave: async (roomId) => void (await client.leave(roomId)),
    // forget() also deletes the room from the client's store: a left room costs no memory.
    leaveForGood: async (roomId) => {
      await client.leave(roomId).catch((e: Error) => {
        if (!notInRoom(e)) throw e;
      });
      await client.forget(roomId, true);
    },
    kick: async (roomId, userId, reason) => void (await client.kick(roomId, userId, reason)),
    // Sent whatever our local copy of the room says: the server refuses if we are not in the room.
    sendState: async (roomId, type, content) => void (await client.sendStateEvent(roomId, type as never, content as never, "")),
  };
}
