import { createPublicKey, verify } from "node:crypto";
import { stringify } from "another-json";
import type { Signed } from "./types";

/** Matrix unpadded base64 (standard or URL-safe alphabet) to bytes. */
function fromBase64(value: string): Buffer {
  return Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/**
 * Verifies that `signed` carries a valid Ed25519 signature by `signerUserId`'s key
 * `ed25519:<keyName>`, whose public key is `publicKey` (unpadded base64), over the
 * object's Matrix canonical JSON without `signatures` and `unsigned`.
 * Returns false for a missing or malformed signature or key; never throws.
 */
export function verifyMatrixSignature(signed: Signed, signerUserId: string, keyName: string, publicKey: string): boolean {
  const signature = signed.signatures?.[signerUserId]?.[`ed25519:${keyName}`];
  if (typeof signature !== "string") return false;
  const raw = fromBase64(publicKey);
  const sig = fromBase64(signature);
  if (raw.length !== 32 || sig.length !== 64) return false;
  try {
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
    const { signatures: _s, unsigned: _u, ...content } = signed;
    return verify(null, Buffer.from(stringify(content), "utf8"), key, sig);
  } catch {
    return false;
  }
}
