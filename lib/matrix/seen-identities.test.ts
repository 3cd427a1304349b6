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
function fakeClient(opts: { tracked: string[]; ownMasters?: Record<string, string>; server: Record<string, string | null> }) {
  const emitter = new EventEmitter();
  const downloadKeysForUsers = vi.fn(async (users: string[]) => ({
    master_keys: Object.fromEntries(users.filter((u) => opts.server[u]).map((u) => [u, master(opts.server[u]!)])),
  }));
  const devices = (users: string[]) => new Map(users.map((u) => [u, new Map([["DEV", {}]])]));
  const crypto = {
    getUserDeviceInfo: vi.fn(async (users: string[], download: boolean) => devices(download ? users : users.filter((u) => opts.tracked.includes(u)))),
    getUserCrossSigningKeys: async (u: string) => (opts.ownMasters?.[u] ? { master_key: master(opts.ownMasters[u]) } : null),
  };
  const client = Object.assign(emitter, { getCrypto: () => crypto, downloadKeysForUsers });
  return { client: client as unknown as MatrixClient, emitter, downloadKeysForUsers, crypto };
}

const keyOf = async (client: MatrixClient, u: string) => (await seenIdentities(client, [u])).get(u)?.masterKey;

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

  it.each([
    { name: "its devices updated", invalidate: (e: EventEmitter) => e.emit(CryptoEvent.DevicesUpdated, ["@r"], false) },
    { name: "its identity changed", invalidate: (e: EventEmitter) => e.emit(CryptoEvent.UserTrustStatusChanged, "@r", {}) },
    { name: "its membership changed", invalidate: (e: EventEmitter) => e.emit(RoomStateEvent.Members, {}, {}, { userId: "@r" }) },
    { name: "the sync broke off", invalidate: (e: EventEmitter) => e.emit(ClientEvent.Sync, SyncState.Reconnecting, SyncState.Syncing) },
  ])("keeps a tracked user's server answer until $name, then asks again", async ({ invalidate }) => {
    const server: Record<string, string | null> = { "@r": null };
    const { client, emitter, downloadKeysForUsers } = fakeClient({ tracked: ["@r"], server });
    expect(await keyOf(client, "@r")).toBeNull();
    server["@r"] = "R1"; // a hostile admin gives the router an identity
    expect(await keyOf(client, "@r")).toBeNull(); // nothing said so yet: the crypto layer does not know it either
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(1);
    invalidate(emitter);
    expect(await keyOf(client, "@r")).toBe("R1");
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(2);
  });

  it("keeps nothing another user's change or a live sync does not concern", async () => {
    const server: Record<string, string | null> = { "@r": null };
    const { client, emitter, downloadKeysForUsers } = fakeClient({ tracked: ["@r"], server });
    await keyOf(client, "@r");
    emitter.emit(CryptoEvent.DevicesUpdated, ["@someone-else"], false);
    emitter.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
    await keyOf(client, "@r");
    expect(downloadKeysForUsers).toHaveBeenCalledTimes(1);
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
