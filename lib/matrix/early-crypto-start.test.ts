import { describe, expect, it } from "vitest";
import { earlyStartFits, openCryptoEarly } from "./early-crypto-start";
import { startEncryptedClient } from "./start-encrypted-client";

const account = { baseUrl: "http://hs.example", userId: "@visitor-0a1b:example.org", deviceId: "QWERTYUIOP" };

type Seen = { method: string; path: string; auth: string | null; body: string };

/** A fake homeserver that records every request with its Authorization header; one answered `/sync`, then the long poll waits. */
function fakeServer() {
  const seen: Seen[] = [];
  const answer = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  let syncs = 0;
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    seen.push({ method: init?.method ?? "GET", path: url.pathname, auth: headers.get("authorization"), body: String(init?.body ?? "") });
    if (url.pathname.endsWith("/versions")) return answer({ versions: ["v1.11"], unstable_features: {} });
    if (url.pathname.endsWith("/filter")) return answer({ filter_id: "1" });
    if (url.pathname.endsWith("/keys/upload")) return answer({ one_time_key_counts: { signed_curve25519: 50 } });
    if (url.pathname.endsWith("/keys/query")) return answer({ device_keys: {}, failures: {} });
    if (url.pathname.endsWith("/room_keys/version")) return new Response('{"errcode":"M_NOT_FOUND"}', { status: 404 });
    if (url.pathname.endsWith("/sync") && syncs++ === 0) return answer({ next_batch: "s1" });
    if (url.pathname.endsWith("/sync")) return new Promise<Response>(() => {});
    return answer({});
  };
  return { seen, fetchFn: fetchFn as typeof fetch };
}

// In memory (Node has no IndexedDB); the crypto module loads from the package in Node, whatever the URL.
const storage = { wasmUrl: "file:///crypto.wasm", cryptoDatabasePrefix: "test", persistCrypto: false };

describe("the crypto store opened before the account exists", () => {
  it("opens the chosen device's store with no request, then starts with the token on every request", async () => {
    const server = fakeServer();
    const marks: string[] = [];
    const early = openCryptoEarly({ ...account, ...storage, fetchFn: server.fetchFn, onMark: (m) => marks.push(m) });
    await early.opened;
    expect(marks).toContain("crypto store open");
    // The account does not exist yet: nothing may have gone to the homeserver (Rust crypto's key-backup question is held).
    await new Promise((r) => setTimeout(r, 50));
    expect(server.seen.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual([]);
    expect((await early.client.getCrypto()!.getOwnDeviceKeys()).ed25519).toMatch(/^[A-Za-z0-9+/]{43}$/);

    const client = await startEncryptedClient({ ...account, ...storage, accessToken: "syt_visitor", early, identity: "caller" });
    expect(client).toBe(early.client);
    expect(client.getDeviceId()).toBe("QWERTYUIOP");
    // The device's keys go up once the client runs: for the chosen device, with the token.
    await expect.poll(() => server.seen.some((r) => r.path.endsWith("/keys/upload")), { timeout: 5000 }).toBe(true);
    const upload = server.seen.find((r) => r.path.endsWith("/keys/upload"))!;
    expect(JSON.parse(upload.body).device_keys).toMatchObject({ user_id: account.userId, device_id: "QWERTYUIOP" });
    // /versions needs no token (matrix-js-sdk sends none); everything else carries the account's, the held request too.
    expect(server.seen.find((r) => r.path.endsWith("/room_keys/version"))?.auth).toBe("Bearer syt_visitor");
    expect(server.seen.filter((r) => !r.path.endsWith("/versions")).map((r) => `${r.path} ${r.auth}`)).toEqual(
      server.seen.filter((r) => !r.path.endsWith("/versions")).map((r) => `${r.path} Bearer syt_visitor`),
    );
    expect(server.seen.some((r) => r.path.endsWith("/sync"))).toBe(true);
    client.stopClient();
  });

  it("is used for nothing but the account and device it was opened for; discarded, it sends nothing", async () => {
    const server = fakeServer();
    const early = openCryptoEarly({ ...account, ...storage, fetchFn: server.fetchFn });
    expect(earlyStartFits(early, account)).toBe(true);
    for (const other of [{ userId: "@visitor-ffff:example.org" }, { deviceId: "ASDFGHJKLZ" }, { baseUrl: "http://other.example" }]) {
      expect(earlyStartFits(early, { ...account, ...other })).toBe(false);
      await expect(startEncryptedClient({ ...account, ...storage, ...other, accessToken: "t", early })).rejects.toThrow(/another account or device/);
    }
    await early.discard();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.seen).toEqual([]); // the held key-backup question failed without leaving
    await expect(early.client.getCrypto()!.getOwnDeviceKeys()).rejects.toThrow();
  });
});
