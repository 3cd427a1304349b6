import { decodeProtectedHeader, errors, jwtVerify, type CryptoKey, type JWTPayload } from "jose";

/** The algorithms a site may register: HS256 (shared secret) and ES256 / EdDSA (the site's public key). */
export type CustomerTokenAlg = "HS256" | "ES256" | "EdDSA";

/** Why a token was refused: a stable code the widget and the host site's developers can act on. */
export type CustomerTokenRefusal =
  "malformed" | "alg_not_allowed" | "bad_signature" | "expired" | "not_yet_valid" | "wrong_audience" | "wrong_issuer" | "lifetime_too_long" | "missing_claim";

/** The claims Sealdesk uses from a verified token. */
export type CustomerClaims = { sub: string; jti: string; exp: number; name?: string; email?: string };

/** The site's verification keys (one or both), already imported. */
export type SiteVerificationKeys = {
  /** The HS256 shared secret's bytes. */
  secret?: Uint8Array;
  /** The registered public key and its algorithm. */
  publicKey?: { alg: "ES256" | "EdDSA"; key: CryptoKey };
};

/** Clock skew allowed on exp, nbf and iat, in seconds. */
export const TOKEN_SKEW_SECONDS = 30;
/** Longest lifetime (exp - iat) a token may claim, in seconds: short, so a leaked token is soon worthless. */
export const MAX_TOKEN_LIFETIME_SECONDS = 600;

const MAX_TOKEN_LENGTH = 4096;

/**
 * Verifies a customer token signed by the host site's backend (a JWT, checked
 * by `jose`): the algorithm must be one the site registered a key for, the
 * signature must hold, `aud` must be the site id (and `iss`, when present),
 * `exp`, `iat` and `jti` must be there, the lifetime at most
 * {@link MAX_TOKEN_LIFETIME_SECONDS}, and exp/nbf are checked with
 * {@link TOKEN_SKEW_SECONDS} of skew. Single use (`jti`) is the caller's
 * database's job. Pure apart from the crypto: `now` is injected.
 */
export async function verifyCustomerToken(
  token: string,
  siteId: string,
  keys: SiteVerificationKeys,
  now: Date,
): Promise<{ ok: true; claims: CustomerClaims } | { ok: false; reason: CustomerTokenRefusal }> {
  if (token.length > MAX_TOKEN_LENGTH || token.split(".").length !== 3) return { ok: false, reason: "malformed" };
  const alg = headerAlg(token);
  if (alg === null) return { ok: false, reason: "malformed" };
  const key = alg === "HS256" ? keys.secret : keys.publicKey && keys.publicKey.alg === alg ? keys.publicKey.key : undefined;
  if (!key) return { ok: false, reason: "alg_not_allowed" };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg],
      audience: siteId,
      clockTolerance: TOKEN_SKEW_SECONDS,
      currentDate: now,
      requiredClaims: ["sub", "exp", "iat", "jti"],
    }));
  } catch (err) {
    return { ok: false, reason: refusalOf(err) };
  }
  return checkClaims(payload, siteId);
}

/** The claims jose does not judge: issuer, lifetime and the shape of what we keep. */
function checkClaims(p: JWTPayload, siteId: string): { ok: true; claims: CustomerClaims } | { ok: false; reason: CustomerTokenRefusal } {
  if (p.iss !== undefined && p.iss !== siteId) return { ok: false, reason: "wrong_issuer" };
  if (p.exp! - p.iat! > MAX_TOKEN_LIFETIME_SECONDS) return { ok: false, reason: "lifetime_too_long" };
  if (!shortString(p.sub, 200) || !shortString(p.jti, 200)) return { ok: false, reason: "missing_claim" };
  const name = shortString(p.name, 100) ? p.name.trim() : undefined;
  const email = shortString(p.email, 200) ? p.email.trim() : undefined;
  return { ok: true, claims: { sub: p.sub, jti: p.jti, exp: p.exp!, ...(name ? { name } : {}), ...(email ? { email } : {}) } };
}

const shortString = (v: unknown, max: number): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max;

/** The header's `alg` (read before any key is picked: the site's keys decide which are allowed), or null when unreadable. */
function headerAlg(token: string): string | null {
  try {
    const { alg } = decodeProtectedHeader(token);
    return typeof alg === "string" ? alg : null;
  } catch {
    return null;
  }
}

function refusalOf(err: unknown): CustomerTokenRefusal {
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "wrong_audience";
    if (err.claim === "nbf" || err.claim === "iat") return "not_yet_valid";
    return "missing_claim";
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  if (err instanceof errors.JOSEAlgNotAllowed) return "alg_not_allowed";
  return "malformed";
}
