/**
 * Signed proof-of-work challenges for anonymous visitor provisioning
 * (hashcash-style). The server signs a challenge with an HMAC key that never
 * leaves it; the challenge names the site, the difficulty and the expiry, so it
 * needs no server-side state until it is spent. WebCrypto only, so that the
 * same code runs in Node and in the browser.
 */

/** What a challenge says; covered by its HMAC. */
export type ChallengeClaims = {
  siteId: string;
  /** Leading zero bits the SHA-256 of `challenge:nonce` must have. */
  bits: number;
  /** Milliseconds since the epoch after which the challenge is refused. */
  expiresAt: number;
  /** Random hex, so that no two challenges are alike. */
  salt: string;
};

const VERSION = "v1";
const enc = new TextEncoder();

/** Derives the HMAC key that signs challenges from a server secret (HKDF-SHA-256). */
export async function challengeKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", enc.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: enc.encode("sealdesk visitor proof-of-work v1") },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

function payloadOf(c: ChallengeClaims): string {
  return [VERSION, c.siteId, c.bits, c.expiresAt, c.salt].join(".");
}

/** Returns the challenge string `v1.<site>.<bits>.<expiresAt>.<salt>.<mac>`. */
export async function signChallenge(key: CryptoKey, claims: ChallengeClaims): Promise<string> {
  const payload = payloadOf(claims);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(payload)));
  return `${payload}.${toHex(mac)}`;
}

/** Reads a challenge without checking its signature (the browser's view: what to solve). */
export function peekChallenge(challenge: string): ChallengeClaims | null {
  const parts = challenge.split(".");
  if (parts.length !== 6 || parts[0] !== VERSION) return null;
  const [, siteId = "", bits = "", expiresAt = "", salt = ""] = parts;
  if (!/^[a-z0-9-]{1,64}$/.test(siteId) || !/^\d{1,2}$/.test(bits) || !/^\d{1,15}$/.test(expiresAt) || !/^[0-9a-f]{32}$/.test(salt)) return null;
  const claims = { siteId, bits: Number(bits), expiresAt: Number(expiresAt), salt };
  return claims.bits <= 32 ? claims : null;
}

/** The claims of a challenge this key signed, or null if it is malformed or forged. Expiry is the caller's check. */
export async function readChallenge(key: CryptoKey, challenge: string): Promise<ChallengeClaims | null> {
  const claims = peekChallenge(challenge);
  const mac = challenge.slice(challenge.lastIndexOf(".") + 1);
  if (!claims || !/^[0-9a-f]{64}$/.test(mac)) return null;
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify("HMAC", key, fromHex(mac), enc.encode(payloadOf(claims)));
  return ok ? claims : null;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
