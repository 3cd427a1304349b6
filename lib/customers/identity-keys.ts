import { randomBytes } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, importJWK, importSPKI, type CryptoKey, type JWK } from "jose";

/** A site's registered public key as we store it: the algorithm and the key as a public JWK. */
export type StoredPublicKey = { alg: "ES256" | "EdDSA"; jwk: JWK };

/**
 * Reads a public key an operator pastes (PEM "PUBLIC KEY" or a JWK as JSON)
 * for `alg`, with `jose`. Refuses private keys (a JWK with `d`: it must never
 * reach us) and keys of another type (P-256 for ES256, Ed25519 for EdDSA).
 * Answers the public JWK to store, or an error message for the operator.
 */
export async function parsePublicKey(alg: "ES256" | "EdDSA", text: string): Promise<{ ok: true; key: StoredPublicKey } | { ok: false; error: string }> {
  const input = text.trim();
  try {
    let key: CryptoKey | Uint8Array;
    if (input.startsWith("{")) {
      const jwk = JSON.parse(input) as JWK;
      if (jwk.d !== undefined) return { ok: false, error: "This is a private key: paste the public key only (keep the private key on your server)" };
      key = await importJWK(jwk, alg);
    } else if (input.includes("-----BEGIN PUBLIC KEY-----")) {
      key = await importSPKI(input, alg, { extractable: true });
    } else {
      return { ok: false, error: "Paste a PEM public key (-----BEGIN PUBLIC KEY-----) or a JWK (JSON)" };
    }
    if (key instanceof Uint8Array) return { ok: false, error: "A symmetric key is not a public key" };
    const jwk = await exportJWK(key);
    const wanted = alg === "ES256" ? { kty: "EC", crv: "P-256" } : { kty: "OKP", crv: "Ed25519" };
    if (jwk.kty !== wanted.kty || jwk.crv !== wanted.crv) return { ok: false, error: `An ${alg} key must be ${wanted.crv}` };
    return { ok: true, key: { alg, jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y ? { y: jwk.y } : {}) } } };
  } catch (err) {
    return { ok: false, error: `This is not a valid ${alg} public key (${(err as Error).message})` };
  }
}

/** The key's RFC 7638 thumbprint: what the Sites page shows, so operators can compare it with theirs. */
export function publicKeyThumbprint(key: StoredPublicKey): Promise<string> {
  return calculateJwkThumbprint(key.jwk, "sha256");
}

/** A new HS256 shared secret (shown to the operator once): `sdcs_` and 32 random bytes, base64url. */
export function newIdentitySecret(): string {
  return `sdcs_${randomBytes(32).toString("base64url")}`;
}
