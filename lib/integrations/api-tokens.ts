import { createHash, randomBytes } from "node:crypto";

import type { ApiScope } from "./api-scopes";

const PREFIX = "sdk_";
const SHAPE = /^sdk_[A-Za-z0-9_-]{43}$/;

/**
 * SHA-256 (hex) of a token: what the database stores and looks up. Not bcrypt
 * or scrypt: those slow down guessing low-entropy passwords, and a token of
 * 32 random bytes cannot be guessed; a slow hash would only cost CPU on every
 * request (and its salt would prevent the lookup by hash).
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token (shown once) and its hash: `sdk_` (recognisable by secret scanners) and 32 random bytes. */
export function newApiToken(): { token: string; hash: string } {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashApiToken(token) };
}

/** Whether a bearer credential has the shape of one of our API tokens (others, such as METRICS_TOKEN, are not looked up). */
export function looksLikeApiToken(credential: string): boolean {
  return SHAPE.test(credential);
}

/** What a presented token is allowed: "ok", or why not (401 unknown or revoked, 403 wrong scope). */
export type TokenDecision = "ok" | "unknown" | "revoked" | "missing-scope";

/** Decides a request with a token row (or none found) and the scope the route needs. */
export function decideToken(row: { scopes: readonly string[]; revokedAt: Date | null } | undefined, required: ApiScope): TokenDecision {
  if (!row) return "unknown";
  if (row.revokedAt) return "revoked";
  return row.scopes.includes(required) ? "ok" : "missing-scope";
}
