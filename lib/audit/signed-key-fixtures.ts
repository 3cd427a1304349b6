// Test fixtures: real Ed25519 keys and signatures made the way Matrix clients
// make them, so the audit's verification runs on genuine material.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { stringify } from "another-json";
import type { CrossSigningKey, DeviceKeys, KeysQueryResult, Signed } from "./types";

type Pair = { publicKey: string; privateKey: KeyObject };

/** A fresh Ed25519 key pair; the public key in Matrix's unpadded base64. */
export function keyPair(): Pair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x!;
  return { publicKey: Buffer.from(x, "base64url").toString("base64").replace(/=+$/, ""), privateKey };
}

/** Adds `signatures[userId]["ed25519:" + keyName]` over the canonical JSON of `obj`. */
export function signJson<T extends Signed>(obj: T, userId: string, keyName: string, key: Pair): T {
  const { signatures, unsigned: _u, ...content } = obj;
  const sig = sign(null, Buffer.from(stringify(content), "utf8"), key.privateKey)
    .toString("base64")
    .replace(/=+$/, "");
  return { ...obj, signatures: { ...signatures, [userId]: { ...signatures?.[userId], [`ed25519:${keyName}`]: sig } } };
}

/** A user's cross-signing identity: master key and a self-signing key signed by it. */
export function identity(userId: string, opts: { sskSignedBy?: Pair } = {}) {
  const master = keyPair();
  const ssk = keyPair();
  const masterKey: CrossSigningKey = { user_id: userId, usage: ["master"], keys: { [`ed25519:${master.publicKey}`]: master.publicKey } };
  const signer = opts.sskSignedBy ?? master;
  const selfSigningKey = signJson<CrossSigningKey>(
    { user_id: userId, usage: ["self_signing"], keys: { [`ed25519:${ssk.publicKey}`]: ssk.publicKey } },
    userId,
    signer.publicKey,
    signer,
  );
  return { userId, master, ssk, masterKey, selfSigningKey };
}

/** A device's keys, self-signed, and cross-signed by `crossSignedBy` (a self-signing key) when given. */
export function device(userId: string, deviceId: string, crossSignedBy?: Pair): { keys: DeviceKeys; pair: Pair } {
  const pair = keyPair();
  const curve = keyPair().publicKey; // any 32 bytes: the audit does not use the Curve25519 key
  let keys: DeviceKeys = {
    user_id: userId,
    device_id: deviceId,
    algorithms: ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
    keys: { [`curve25519:${deviceId}`]: curve, [`ed25519:${deviceId}`]: pair.publicKey },
  };
  keys = signJson(keys, userId, deviceId, pair);
  if (crossSignedBy) keys = signJson(keys, userId, crossSignedBy.publicKey, crossSignedBy);
  return { keys: { ...keys, unsigned: { device_display_name: "fixture" } }, pair };
}

/** Merges identities and devices into one /keys/query result. */
export function keysQuery(parts: { identity?: ReturnType<typeof identity>; userId: string; devices: DeviceKeys[] }[]): KeysQueryResult {
  const r: Required<KeysQueryResult> = { device_keys: {}, master_keys: {}, self_signing_keys: {} };
  for (const p of parts) {
    r.device_keys[p.userId] = Object.fromEntries(p.devices.map((d) => [d.device_id, d]));
    if (p.identity) {
      r.master_keys[p.userId] = p.identity.masterKey;
      r.self_signing_keys[p.userId] = p.identity.selfSigningKey;
    }
  }
  return r;
}
