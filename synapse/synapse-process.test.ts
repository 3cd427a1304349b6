// Integration test: boots a real Synapse (sqlite) in a temp dir.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWithAppService } from "../lib/matrix/appservice-register";
import { ensureSynapseInstalled, startSynapse, type RunningSynapse } from "./synapse-process.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      resolve(typeof addr === "object" && addr ? addr.port : port);
    });
  });
const close = (server: Server) => new Promise<void>((r) => server.close(() => r()));

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server, 0);
  await close(server);
  return port;
}

// Matrix canonical JSON: sorted keys, no whitespace.
function canonicalJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k] ?? null)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

const unpadded = (b64: string) => b64.replace(/=+$/, "");

function ed25519() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32); // raw key is the DER tail
  return { pub: unpadded(raw.toString("base64")), privateKey };
}

// A cross-signing key object, optionally signed by the master key.
function crossSigningKey(userId: string, usage: string, pub: string, signer?: { pub: string; privateKey: KeyObject }) {
  const key: { [k: string]: Json } = { user_id: userId, usage: [usage], keys: { [`ed25519:${pub}`]: pub } };
  if (signer) {
    const sig = unpadded(sign(null, Buffer.from(canonicalJson(key)), signer.privateKey).toString("base64"));
    key.signatures = { [userId]: { [`ed25519:${signer.pub}`]: sig } };
  }
  return key;
}

function crossSigningKeys(userId: string) {
  const master = ed25519();
  return {
    master_key: crossSigningKey(userId, "master", master.pub),
    self_signing_key: crossSigningKey(userId, "self_signing", ed25519().pub, master),
    user_signing_key: crossSigningKey(userId, "user_signing", ed25519().pub, master),
  };
}

async function registerUser(s: RunningSynapse, username: string, password: string) {
  const url = `${s.baseUrl}/_synapse/admin/v1/register`;
  const { nonce } = (await (await fetch(url)).json()) as { nonce: string };
  const mac = createHmac("sha1", s.registrationSharedSecret).update(`${nonce}\0${username}\0${password}\0notadmin`).digest("hex");
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ nonce, username, password, admin: false, mac }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { user_id: string; access_token: string; device_id: string };
}

const post = (s: RunningSynapse, p: string, token: string, body: unknown) =>
  fetch(`${s.baseUrl}${p}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe("startSynapse", { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  const running: RunningSynapse[] = [];
  let dataDir = "";
  let firstSecret = "";

  beforeAll(async () => {
    await ensureSynapseInstalled();
    dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-synapse-"));
    dirs.push(dataDir);
  }, 600_000); // a cold install downloads and builds the venv

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("starts, registers a user and allows first cross-signing upload without UIA", async () => {
    const s = await startSynapse({ dataDir, port: await freePort(), relaxedRateLimits: true });
    running.push(s);
    firstSecret = s.registrationSharedSecret;
    const versions = await fetch(`${s.baseUrl}/_matrix/client/versions`);
    expect(versions.status).toBe(200);
    expect(((await versions.json()) as { versions: string[] }).versions.length).toBeGreaterThan(0);

    const user = await registerUser(s, "alice", "correct horse battery staple");
    expect(user.user_id).toBe("@alice:localhost");
    expect(user.access_token).toEqual(expect.any(String));
    expect(user.device_id).toEqual(expect.any(String));

    // MSC3967: the first upload needs no `auth`; a bad signature is still refused.
    const keys = crossSigningKeys(user.user_id);
    const forged = { ...keys, self_signing_key: crossSigningKeys(user.user_id).self_signing_key };
    expect((await post(s, "/_matrix/client/v3/keys/device_signing/upload", user.access_token, forged)).status).toBe(400);
    expect((await post(s, "/_matrix/client/v3/keys/device_signing/upload", user.access_token, keys)).status).toBe(200);
    const query = await post(s, "/_matrix/client/v3/keys/query", user.access_token, { device_keys: { [user.user_id]: [] } });
    const body = (await query.json()) as { master_keys: Record<string, unknown> };
    expect(body.master_keys[user.user_id]).toMatchObject({ keys: keys.master_key.keys });
    // Replacing them is a reset and must demand UIA.
    const reset = await post(s, "/_matrix/client/v3/keys/device_signing/upload", user.access_token, crossSigningKeys(user.user_id));
    expect(reset.status).toBe(401);

    await s.stop();
    await s.stop(); // idempotent
  });

  it("reuses secrets on a second start with the same dataDir", async () => {
    const s = await startSynapse({ dataDir, port: await freePort() });
    running.push(s);
    expect(s.registrationSharedSecret).toBe(firstSecret);
    expect((await stat(path.join(dataDir, "secrets.json"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, "homeserver.yaml"))).mode & 0o777).toBe(0o600);
    expect((await fetch(`${s.baseUrl}/_matrix/client/versions`)).status).toBe(200);
    await s.stop();
  });

  it("registers visitors through the application service only, as Visitor, with a first cross-signing upload without UIA", async () => {
    const s = await startSynapse({ dataDir, port: await freePort() });
    running.push(s);
    expect((await stat(path.join(dataDir, "appservice-sealdesk.yaml"))).mode & 0o777).toBe(0o600);
    const visitor = await registerWithAppService({
      homeserverUrl: s.baseUrl,
      asToken: s.appServiceToken,
      username: "visitor-0a1b",
      deviceId: "QWERTYUIOP",
      displayName: "Visitor",
    });
    expect(visitor.userId).toBe("@visitor-0a1b:localhost");
    // The device id the widget chose (its crypto store opened while the account was made) is the device's.
    expect(visitor.deviceId).toBe("QWERTYUIOP");
    const profile = await fetch(`${s.baseUrl}/_matrix/client/v3/profile/${encodeURIComponent(visitor.userId)}`, {
      headers: { authorization: `Bearer ${visitor.accessToken}` },
    });
    expect(await profile.json()).toEqual({ displayname: "Visitor" });
    const keys = crossSigningKeys(visitor.userId);
    expect((await post(s, "/_matrix/client/v3/keys/device_signing/upload", visitor.accessToken, keys)).status).toBe(200);
    // Nobody else makes a visitor id: not a wrong token, not the shared secret (the namespace is exclusive).
    await expect(registerWithAppService({ homeserverUrl: s.baseUrl, asToken: "not-the-token", username: "visitor-0a1c" })).rejects.toThrow(/HTTP 401/);
    const url = `${s.baseUrl}/_synapse/admin/v1/register`;
    const { nonce } = (await (await fetch(url)).json()) as { nonce: string };
    const mac = createHmac("sha1", s.registrationSharedSecret).update(`${nonce}\0visitor-0a1d\0pw-pw-pw-pw\0notadmin`).digest("hex");
    const bySecret = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ nonce, username: "visitor-0a1d", password: "pw-pw-pw-pw", admin: false, mac }),
    });
    expect(((await bySecret.json()) as { errcode?: string }).errcode).toBe("M_EXCLUSIVE");
    // The application service's ids are its namespace only: not an agent's.
    await expect(registerWithAppService({ homeserverUrl: s.baseUrl, asToken: s.appServiceToken, username: "agent7" })).rejects.toThrow(/M_EXCLUSIVE/);
    await s.stop();
  });

  it("throws with log output when the port is taken", async () => {
    // Hang up at once: a silent socket would stay in fetch's pool and block close().
    const blocker = createServer((socket) => socket.destroy());
    const port = await listen(blocker, 0);
    const badDir = await mkdtemp(path.join(tmpdir(), "sealdesk-synapse-bad-"));
    dirs.push(badDir);
    try {
      const err: unknown = await startSynapse({ dataDir: badDir, port, startTimeoutMs: 60_000 }).then(
        (s) => (running.push(s), null),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      const msg = (err as Error).message;
      expect(msg).toMatch(/exited during startup/);
      // The homeserver.log section itself (not only stderr) must explain the failure.
      const log = /last 40 lines of .*homeserver\.log ---\n([\s\S]*)\n--- Synapse stdout/.exec(msg)?.[1];
      expect(log).toMatch(/Address already in use/);
    } finally {
      await close(blocker);
    }
  });
});
