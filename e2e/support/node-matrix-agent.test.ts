// Integration test: two plain matrix-js-sdk agents on a real Synapse (sqlite, temp dir).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Preset } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWithSharedSecret } from "@/lib/matrix/shared-secret-register.js";
import { ensureSynapseInstalled, startSynapse, type RunningSynapse } from "@/synapse/synapse-process.js";
import { startNodeAgent, type NodeAgent } from "./node-matrix-agent.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const addr = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof addr !== "object" || !addr) throw new Error("no port");
  return addr.port;
}

const PASSWORD = "correct horse battery staple";

describe("startNodeAgent", { timeout: 120_000 }, () => {
  let dataDir = "";
  let synapse: RunningSynapse | undefined;
  const agents: NodeAgent[] = [];

  const register = async (username: string) => {
    if (!synapse) throw new Error("Synapse not started");
    await registerWithSharedSecret({
      homeserverUrl: synapse.baseUrl,
      sharedSecret: synapse.registrationSharedSecret,
      username,
      password: PASSWORD,
    });
  };
  const start = async (username: string) => {
    if (!synapse) throw new Error("Synapse not started");
    const agent = await startNodeAgent({ baseUrl: synapse.baseUrl, username, password: PASSWORD });
    agents.push(agent);
    return agent;
  };

  beforeAll(async () => {
    await ensureSynapseInstalled();
    dataDir = await mkdtemp(path.join(tmpdir(), "sealdesk-node-agent-"));
    synapse = await startSynapse({ dataDir, port: await freePort(), relaxedRateLimits: true });
  }, 180_000);

  afterAll(async () => {
    const results = await Promise.allSettled(agents.map((a) => a.stop()));
    await synapse?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    for (const r of results) if (r.status === "rejected") throw r.reason;
  });

  it("shares pre-invite history with an invited agent (MSC4268) and exchanges encrypted messages", async () => {
    await Promise.all([register("alice"), register("bob")]);
    const [a, b] = await Promise.all([start("alice"), start("bob")]);

    const { room_id: roomId } = await a.client.createRoom({
      preset: Preset.PrivateChat,
      initial_state: [
        { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
        { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
      ],
    });
    const before = `before invite ${randomBytes(6).toString("hex")}`;
    await a.sendText(roomId, before);
    await a.client.invite(roomId, b.userId);

    expect(await b.waitForInvite((r, inviter) => r === roomId && inviter === a.userId)).toBe(roomId);
    await b.join(roomId);
    // The key property: B decrypts a message sent before B was even invited.
    expect(await b.waitForMessage(roomId, before)).toEqual({ sender: a.userId, body: before, encrypted: true });

    const reply = `reply ${randomBytes(6).toString("hex")}`;
    await b.sendText(roomId, reply);
    expect(await a.waitForMessage(roomId, reply)).toEqual({ sender: b.userId, body: reply, encrypted: true });

    // What the server stores is ciphertext only.
    const res = await fetch(`${synapse?.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=20`, {
      headers: { authorization: `Bearer ${a.client.getAccessToken()}` },
    });
    expect(res.status).toBe(200);
    const { chunk } = (await res.json()) as { chunk: { type: string }[] };
    const types = chunk.map((e) => e.type);
    expect(types).toContain("m.room.encrypted");
    expect(types).not.toContain("m.room.message");
    expect(JSON.stringify(chunk)).not.toContain(before);
  });

  it("refuses plain commands in encrypted rooms and sends them in unencrypted ones", async () => {
    await register("carol");
    const carol = await start("carol");
    const { room_id: plainRoom } = await carol.client.createRoom({ preset: Preset.PrivateChat });
    await carol.sendPlainCommand(plainRoom, "!status");
    expect(await carol.waitForMessage(plainRoom, "!status")).toMatchObject({ body: "!status", encrypted: false });

    const { room_id: secretRoom } = await carol.client.createRoom({
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    await expect(carol.sendPlainCommand(secretRoom, "!status")).rejects.toThrow(/encrypted/);
  });

  it("replaces an existing cross-signing identity with password interactive auth", async () => {
    await register("dave");
    const first = await start("dave");
    const firstMaster = (await first.client.getCrypto()?.getCrossSigningKeyId()) ?? null;
    // A second in-memory device of the same account: the key upload now needs UIA.
    const second = await start("dave");
    const crypto = second.client.getCrypto();
    expect(await crypto?.isCrossSigningReady()).toBe(true);
    const secondMaster = (await crypto?.getCrossSigningKeyId()) ?? null;
    expect(secondMaster).not.toBeNull();
    expect(secondMaster).not.toBe(firstMaster);
  });
});
