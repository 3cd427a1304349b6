import { ClientEvent, createClient, Room, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { withoutMatrixRTC } from "./without-matrix-rtc";

const sessionsHeld = (client: ReturnType<typeof createClient>): number =>
  (client.matrixRTC as unknown as { roomSessions: Map<string, unknown> }).roomSessions.size;

/** What `startClient` does after the first sync, then a room arriving and being dropped. */
function seeRoomAfterFirstSync(client: ReturnType<typeof createClient>): void {
  client.on(ClientEvent.Sync, (client as unknown as { startMatrixRTC: () => void }).startMatrixRTC);
  Object.assign(client, { isInitialSyncComplete: () => true });
  client.emit(ClientEvent.Sync, SyncState.Prepared, null);
  const room = new Room("!closed:example.org", client, "@router:example.org");
  client.store.storeRoom(room);
  client.emit(ClientEvent.Room, room);
  client.store.removeRoom(room.roomId);
}

describe("withoutMatrixRTC", () => {
  const make = () => createClient({ baseUrl: "http://127.0.0.1:9", userId: "@router:example.org", accessToken: "t" });

  it("without it, matrix-js-sdk keeps a session (and the room) for a room dropped from the store", () => {
    const client = make();
    seeRoomAfterFirstSync(client);
    expect(sessionsHeld(client)).toBe(1);
  });

  it("with it, nothing is kept for rooms the client saw", () => {
    const client = make();
    withoutMatrixRTC(client);
    seeRoomAfterFirstSync(client);
    expect(sessionsHeld(client)).toBe(0);
  });
});
