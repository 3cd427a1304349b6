import { EventEmitter } from "node:events";
import { ClientEvent, RoomEvent, RoomStateEvent, type MatrixClient } from "matrix-js-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotEncryptedError, readyToSendEncrypted } from "./send-encrypted-text";

/** A client whose room becomes ready when the test says so (membership, encryption state, the crypto layer's view). */
function fakeClient(ready: { joined: boolean; stateEvent: boolean; crypto: boolean }) {
  const emitter = new EventEmitter();
  const room = {
    getMyMembership: () => (ready.joined ? "join" : "invite"),
    currentState: { getStateEvents: () => (ready.stateEvent ? {} : null) },
  };
  const crypto = { isEncryptionEnabledInRoom: async () => ready.crypto };
  const client = Object.assign(emitter, {
    getCrypto: () => crypto,
    getRoom: () => room,
  });
  return { client: client as unknown as MatrixClient, emitter };
}

describe("readyToSendEncrypted", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("resolves at once when the room is ready, leaving no listener behind", async () => {
    const { client, emitter } = fakeClient({ joined: true, stateEvent: true, crypto: true });
    await readyToSendEncrypted(client, "!r");
    expect(emitter.eventNames()).toEqual([]);
  });

  it.each([
    { event: ClientEvent.Sync, missing: "crypto" as const },
    { event: RoomStateEvent.Events, missing: "stateEvent" as const },
    { event: RoomEvent.MyMembership, missing: "joined" as const },
    { event: ClientEvent.Room, missing: "joined" as const },
  ])("reacts to $event at once (no polling) when it makes the room ready ($missing)", async ({ event, missing }) => {
    const state = { joined: true, stateEvent: true, crypto: true, [missing]: false };
    const { client, emitter } = fakeClient(state);
    let done = false;
    const p = readyToSendEncrypted(client, "!r").then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    state[missing] = true;
    emitter.emit(event);
    // No timer runs: the event alone wakes the check.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(done).toBe(true);
    await p;
    expect(emitter.eventNames()).toEqual([]);
  });

  it("still finds a room the crypto layer learned about without an event (the safety net)", async () => {
    const state = { joined: true, stateEvent: true, crypto: false };
    const { client } = fakeClient(state);
    const p = readyToSendEncrypted(client, "!r");
    state.crypto = true;
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(p).resolves.toBeUndefined();
  });

  it("refuses after the timeout, never sending in the clear, and stops listening", async () => {
    const { client, emitter } = fakeClient({ joined: true, stateEvent: false, crypto: false });
    const p = readyToSendEncrypted(client, "!r", 3_000);
    const failed = expect(p).rejects.toBeInstanceOf(NotEncryptedError);
    emitter.emit(ClientEvent.Sync); // an unrelated sync: still not ready
    await vi.advanceTimersByTimeAsync(3_100);
    await failed;
    expect(emitter.eventNames()).toEqual([]);
  });
});

describe("readyToSendEncrypted, once the crypto layer said yes", () => {
  it("does not ask it again for that room (a send asks nothing of IndexedDB), but still checks the room's state", async () => {
    const state = { joined: true, stateEvent: true, crypto: true };
    const { client } = fakeClient(state);
    const asked = vi.spyOn(client.getCrypto()!, "isEncryptionEnabledInRoom");
    await readyToSendEncrypted(client, "!r");
    await readyToSendEncrypted(client, "!r");
    expect(asked).toHaveBeenCalledTimes(1);
    // Our own membership is still checked every time: a room we left is not ready.
    state.joined = false;
    await expect(readyToSendEncrypted(client, "!r", 0)).rejects.toBeInstanceOf(NotEncryptedError);
  });

  it("asks again while it says no", async () => {
    const state = { joined: true, stateEvent: true, crypto: false };
    const { client } = fakeClient(state);
    const asked = vi.spyOn(client.getCrypto()!, "isEncryptionEnabledInRoom");
    await expect(readyToSendEncrypted(client, "!r", 0)).rejects.toBeInstanceOf(NotEncryptedError);
    state.crypto = true;
    await readyToSendEncrypted(client, "!r");
    expect(asked).toHaveBeenCalledTimes(2);
  });
});
