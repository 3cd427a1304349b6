import type { CrossSigningKey, DeviceKeys, DeviceStatus, KeysQueryResult } from "./types";
import type { SignatureVerifier } from "./types";

/** The single Ed25519 public key of a cross-signing key, or null. */
function onlyKey(key: CrossSigningKey): string | null {
  const entries = Object.entries(key.keys ?? {}).filter(([id]) => id.startsWith("ed25519:"));
  const [only] = entries;
  if (entries.length !== 1 || !only) return null;
  const [id, value] = only;
  return id === `ed25519:${value}` ? value : null;
}

/** A user's cross-signing identity as verified here, not as the server says. */
export type VerifiedIdentity = {
  masterKey: string | null;
  /** Set only when the self-signing key is validly signed by the master key. */
  selfSigningKey: string | null;
  problem: string;
};

/** Checks master key → self-signing key (signed by the master key) for one user. */
export function verifyIdentity(userId: string, keys: KeysQueryResult, verifyMatrixSignature: SignatureVerifier): VerifiedIdentity {
  const master = keys.master_keys?.[userId];
  if (!master) return { masterKey: null, selfSigningKey: null, problem: "no cross-signing identity" };
  const masterKey = onlyKey(master);
  if (master.user_id !== userId || !master.usage?.includes("master") || !masterKey) {
    return { masterKey: null, selfSigningKey: null, problem: "malformed master key" };
  }
  const ssk = keys.self_signing_keys?.[userId];
  if (!ssk) return { masterKey, selfSigningKey: null, problem: "no self-signing key" };
  const sskKey = onlyKey(ssk);
  if (ssk.user_id !== userId || !ssk.usage?.includes("self_signing") || !sskKey) {
    return { masterKey, selfSigningKey: null, problem: "malformed self-signing key" };
  }
  if (!verifyMatrixSignature(ssk, userId, masterKey, masterKey)) {
    return { masterKey, selfSigningKey: null, problem: "self-signing key not signed by the master key" };
  }
  return { masterKey, selfSigningKey: sskKey, problem: "" };
}

/**
 * Checks one device: its own signature with its Ed25519 key, then the
 * signature of its owner's (verified) self-signing key. Only a device that
 * passes both is eligible under OnlySignedDevicesIsolationMode.
 */
export function verifyDevice(
  userId: string,
  deviceId: string,
  device: DeviceKeys,
  identity: VerifiedIdentity,
  verifyMatrixSignature: SignatureVerifier,
): { ed25519: string | null; status: DeviceStatus; problem: string } {
  // Untrusted JSON from the homeserver: the value may be anything.
  const key: unknown = device.keys?.[`ed25519:${deviceId}`];
  const ed25519 = typeof key === "string" ? key : null;
  if (device.user_id !== userId || device.device_id !== deviceId) return { ed25519, status: "invalid", problem: "keys name another user or device" };
  if (!ed25519) return { ed25519, status: "invalid", problem: "no Ed25519 device key" };
  if (!verifyMatrixSignature(device, userId, deviceId, ed25519)) return { ed25519, status: "invalid", problem: "bad device self-signature" };
  if (!identity.selfSigningKey) return { ed25519, status: "not cross-signed", problem: identity.problem };
  if (!verifyMatrixSignature(device, userId, identity.selfSigningKey, identity.selfSigningKey)) {
    return { ed25519, status: "not cross-signed", problem: "not signed by the owner's self-signing key" };
  }
  return { ed25519, status: "cross-signed", problem: "" };
}
