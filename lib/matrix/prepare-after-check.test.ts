import { EventEmitter } from "node:events";
import { RoomStateEvent, type MatrixClient } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { encryptionPreparer } from "./prepare-after-check";

/** A client with one room, ready to send to unless `encrypted` is false. */
function fakeClient(encrypted = true) {
  const room = { roomId: "!r", getMyMembership: () => "join", currentState: { getStateEvents: () => (encrypted ? {} : null) } };
  const crypto = { isEncryptionEnabledInRoom: async () => encrypted, prepareToEncrypt: vi.fn() };
  const client = Object.assign(new EventEmitter(), { getCrypto: () => crypto, getRoom: (id: string) => (id === "!r" ? room : null) });
  return { client: client as unknown as MatrixClient, crypto, room };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe("encryptionPreparer", () => {
  it.each([
    { name: "the check passes", passes: true, encrypted: true, roomId: "!r", prepared: true, checked: true },
    { name: "the check refuses a member", passes: false, encrypted: true, roomId: "!r", prepared: false, checked: true },
    { name: "the room is not known to be encrypted", passes: true, encrypted: false, roomId: "!r", prepared: false, checked: false },
    { name: "no room yet", passes: true, encrypted: true, roomId: undefined, prepared: false, checked: false },
    { name: "an unknown room", passes: true, encrypted: true, roomId: "!other", prepared: false, checked: false },
  ])("$name: prepared $prepared", async ({ passes, encrypted, roomId, prepared, checked }) => {
    const { client, crypto, room } = fakeClient(encrypted);
    const check = vi.fn(async () => passes);
    encryptionPreparer(client, check)(roomId);
    await settle();
    expect(check).toHaveBeenCalledTimes(checked ? 1 : 0);
    if (prepared) expect(crypto.prepareToEncrypt).toHaveBeenCalledWith(room);
    else expect(crypto.prepareToEncrypt).not.toHaveBeenCalled();
  });

  it("shares nothing before the check has passed, and runs one check at a time", async () => {
    const { client, crypto } = fakeClient();
    let pass: (ok: boolean) => void = () => {};
    const check = vi.fn(() => new Promise<boolean>((r) => (pass = r)));
    const prepare = encryptionPreparer(client, check);
    prepare("!r");
    await settle();
    prepare("!r"); // typing on while the first check runs
    expect(crypto.prepareToEncrypt).not.toHaveBeenCalled();
    pass(true);
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    expect(crypto.prepareToEncrypt).toHaveBeenCalledTimes(1);
    prepare("!r"); // nothing new to prepare: no check competes with the send's
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
  });

  it("prepares again once the room's members changed (the session must reach the newcomer), and after a refused check", async () => {
    const { client, crypto } = fakeClient();
    let passes = false;
    const check = vi.fn(async () => passes);
    const prepare = encryptionPreparer(client, check);
    prepare("!r");
    await settle();
    passes = true;
    prepare("!r");
    await settle();
    expect(crypto.prepareToEncrypt).toHaveBeenCalledTimes(1);
    (client as unknown as EventEmitter).emit(RoomStateEvent.Members, {}, {}, { roomId: "!r", userId: "@new:hs" });
    prepare("!r");
    await settle();
    expect(check).toHaveBeenCalledTimes(3);
    expect(crypto.prepareToEncrypt).toHaveBeenCalledTimes(2);
  });
});
