import { createHmac, timingSafeEqual } from "node:crypto";

const LABEL = "sealdesk-unsubscribe-v1\n";

function mac(secret: string, visitorUserId: string): string {
  return createHmac("sha256", secret)
    .update(LABEL + visitorUserId)
    .digest("base64url");
}

/**
 * The token of a visitor's unsubscribe link: their user id and an HMAC of it,
 * so the link works without login and cannot be forged for another visitor.
 */
export function signUnsubscribeToken(secret: string, visitorUserId: string): string {
  return `${Buffer.from(visitorUserId).toString("base64url")}.${mac(secret, visitorUserId)}`;
}

/** The visitor a token names when its HMAC is right; null for anything else. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const [id, sig, extra] = token.split(".");
  if (!id || !sig || extra !== undefined) return null;
  const visitorUserId = Buffer.from(id, "base64url").toString("utf8");
  const expected = Buffer.from(mac(secret, visitorUserId));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? visitorUserId : null;
}
