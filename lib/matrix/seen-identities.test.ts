import { EventEmitter } from "node:events";
import { ClientEvent, RoomStateEvent, SyncState, type MatrixClient } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import { describe, expect, it, vi } from "vitest";
import { seenIdentities } from "./seen-identities";

const master = (k: string) => ({ keys: { [`ed25519:${k}`]: k } });

/**
 * A client whose crypto layer tracks `tracked` (with `ownMasters` known to it) and whose
 * server answers `/keys/query` from `server` (changed by the tests; each query is counted).
 */
function fakeClient(opts: { tracked: string[]; ownMasters?: Record<string, string>; server: Record<string, string | null>; deviceless?: string[] }) {
  const emitter = new EventEmitter();
  const downloadKeysForUsers = vi.fn(async (users: string[]) => ({
    master_keys: Object.fromEntries(users.filter((u) => opts.server[u]).map((u) => [u, master(opts.server[u]!)])),
  }));
  const devices = (users: string[]) => new Map(users.map((u) => [u, new Map(opts.deviceless?.includes(u) ? [] : [["DEV", {}]])]));
  const crypto = {
    getUserDeviceInfo: vi.fn(async (users: string[], download: boolean) => devices(download ? users : users.filter((u) => opts.tracked.includes(u)))),
    getUserCrossSigningKeys: vi.fn(async (u: string) => (opts.ownMasters?.[u] ? { master_key: master(opts.ownMasters[u]) } : null)),
  };
  const client = Object.assign(emitter, { getCrypto: () => crypto, downloadKeysForUsers });
  return { client: client as unknown as MatrixClient, emitter, downloadKeysForUsers, crypto };
}

const keyOf = async (client: MatrixClient, u: string) => (await seenIdentities(client, [u])).get(u)?.masterKey;

const invalidations = [
  { name: "its devices updated", invalidate: (e: EventEmitter, u: string) => e.emit(CryptoEvent.DevicesUpdated, [u], false) },
  { name: "its identity changed", invalidate: (e: EventEmitter, u: string) => e.emit(CryptoEvent.UserTrustStatusChanged, u, {}) },
  { name: "its membership changed", invalidate: (e: EventEmitter, u: string) => e.emit(RoomStateEvent.Members, {}, {}, { userId: u }) },
  { name: "the sync broke off", invalidate: (e: EventEmitter) => e.emit(ClientEvent.Sync, SyncState.Reconnecting, SyncState.Syncing) },
];

describe("seenIdentities", () => {
  it("prefers the crypto layer's master key and then asks the server nothing", async () => {
    const { client, downloadKeysForUsers } = fakeClient({ tracked: ["@a"], ownMasters: { "@a": "A1" }, server: { "@a": "A2" } });
    expect(await keyOf(client, "@a")).toBe("A1");
    expect(downloadKeysForUsers).not.toHaveBeenCalled();
  });

  it("asks the server every time for a user the crypto layer does not track", async () => {
    const server: Record<string, string | null> = { "@v": "V1" };
    const f = fakeClient({ tracked: [], server });
    expect(await keyOf(f.client, "@v")).toBe("V1");
    server["@v"] = "V2";
    expect(await keyOf(f.client, "@v")).toBe("V2");
    expect(f.downloadKeysForUsers).toHaveBeenCalledTimes(2);
    expect(f.crypto.getUserDeviceInfo).toHaveBeenCalledWith(["@v"], true);
  });

  it.each(invalidations)("keeps a tracked user's server answer until $name, then asks again", async ({ invalidate }) => {
    const server: Record<string, string | null> = { "@r": null };
    const { client, emitter, downloadKeysForUsers } = fakeClient({ tracked: ["@r"], server });
    expect(await keyOf(client, "@r")).toBeNull();
    server["@r"] = "R1"; // a hostile admin gives the router an identity
    expect(await keyOf(client, "@r")).toBeNull(); // nothing said so yet: the crypto layer does not know it either
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(1);
    invalidate(emitter, "@r");
    expect(await keyOf(client, "@r")).toBe("R1");
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(2);
  });

  it.each(invalidations)("keeps what the crypto layer says of a tracked user until $name, then reads it again", async ({ invalidate }) => {
    const ownMasters = { "@a": "A1" };
    const f = fakeClient({ tracked: ["@a"], ownMasters, server: {} });
    expect(await keyOf(f.client, "@a")).toBe("A1");
    ownMasters["@a"] = "A2"; // the crypto layer stored a new identity; its event is still to come
    expect(await keyOf(f.client, "@a")).toBe("A1");
    expect(f.crypto.getUserCrossSigningKeys).toHaveBeenCalledTimes(1);
    expect(f.crypto.getUserDeviceInfo).toHaveBeenCalledTimes(1);
    invalidate(f.emitter, "@a");
    expect(await keyOf(f.client, "@a")).toBe("A2");
    expect(f.crypto.getUserCrossSigningKeys).toHaveBeenCalledTimes(2);
  });

  it("sees a tracked user's devices gone once the crypto layer says their devices changed", async () => {
    const deviceless: string[] = [];
    const f = fakeClient({ tracked: ["@a"], ownMasters: { "@a": "A1" }, server: {}, deviceless });
    const hasDevices = async () => (await seenIdentities(f.client, ["@a"])).get("@a")?.hasDevices;
    expect(await hasDevices()).toBe(true);
    deviceless.push("@a");
    expect(await hasDevices()).toBe(true);
    f.emitter.emit(CryptoEvent.DevicesUpdated, ["@a"], false);
    expect(await hasDevices()).toBe(false);
  });

  it("`fresh` reads the crypto layer again (a check that found a problem), and keeps what it read", async () => {
    const ownMasters = { "@a": "A1" };
    const f = fakeClient({ tracked: ["@a"], ownMasters, server: {} });
    await keyOf(f.client, "@a");
    ownMasters["@a"] = "A2";
    expect((await seenIdentities(f.client, ["@a"], { fresh: true })).get("@a")?.masterKey).toBe("A2");
    expect(await keyOf(f.client, "@a")).toBe("A2");
    expect(f.crypto.getUserCrossSigningKeys).toHaveBeenCalledTimes(2);
  });

  it("reads an untracked user every time", async () => {
    const ownMasters = { "@v": "V1" };
    const f = fakeClient({ tracked: [], ownMasters, server: {} });
    expect(await keyOf(f.client, "@v")).toBe("V1");
    ownMasters["@v"] = "V2";
    expect(await keyOf(f.client, "@v")).toBe("V2");
  });

  it("does not keep a crypto-layer read that an identity change overtook", async () => {
    const ownMasters = { "@a": "A1" };
    const f = fakeClient({ tracked: ["@a"], ownMasters, server: {} });
    f.crypto.getUserCrossSigningKeys.mockImplementationOnce(async () => {
      const old = { master_key: master("A1") };
      ownMasters["@a"] = "A2";
      f.emitter.emit(CryptoEvent.UserTrustStatusChanged, "@a", {});
      return old;
    });
    expect(await keyOf(f.client, "@a")).toBe("A1");
    expect(await keyOf(f.client, "@a")).toBe("A2");
  });

  it("keeps nothing another user's change or a live sync does not concern", async () => {
    const server: Record<string, string | null> = { "@r": null };
    const { client, emitter, downloadKeysForUsers, crypto } = fakeClient({ tracked: ["@r"], server });
    await keyOf(client, "@r");
    emitter.emit(CryptoEvent.DevicesUpdated, ["@someone-else"], false);
    emitter.emit(CryptoEvent.UserTrustStatusChanged, "@someone-else", {});
    emitter.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
    await keyOf(client, "@r");
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(1);
    expect(crypto.getUserCrossSigningKeys).toHaveBeenCalledTimes(1);
  });

  it("does not keep an answer that an invalidation overtook while the request was out", async () => {
    const server: Record<string, string | null> = { "@r": null };
    const f = fakeClient({ tracked: ["@r"], server });
    f.downloadKeysForUsers.mockImplementationOnce(async () => {
      f.emitter.emit(CryptoEvent.DevicesUpdated, ["@r"], false);
      return { master_keys: {} };
    });
    await keyOf(f.client, "@r");
    server["@r"] = "R1";
    expect(await keyOf(f.client, "@r")).toBe("R1");
  });

  it("`fresh` asks the server even for a kept answer", async () => {
    const server: Record<string, string | null> = { "@r": null };
    const { client, downloadKeysForUsers } = fakeClient({ tracked: ["@r"], server });
    await keyOf(client, "@r");
    server["@r"] = "R1";
    expect((await seenIdentities(client, ["@r"], { fresh: true })).get("@r")?.masterKey).toBe("R1");
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(2);
  });

  it("reads the crypto layer's store for every user at once (a send waits for the slowest read, not for their sum)", async () => {
    const { client, crypto } = fakeClient({ tracked: ["@a", "@b"], ownMasters: { "@a": "A1", "@b": "B1" }, server: {} });
    let inFlight = 0;
    let most = 0;
    const slow = <T>(f: (...a: never[]) => Promise<T>) =>
      (async (...a: never[]) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return f(...a);
      }) as never;
    crypto.getUserDeviceInfo = vi.fn(slow(crypto.getUserDeviceInfo));
    crypto.getUserCrossSigningKeys = slow(crypto.getUserCrossSigningKeys);
    const seen = await seenIdentities(client, ["@a", "@b"]);
    expect(most).toBe(4);
    expect([...seen]).toEqual([
      ["@a", { masterKey: "A1", hasDevices: true }],
      ["@b", { masterKey: "B1", hasDevices: true }],
    ]);
  });
});
