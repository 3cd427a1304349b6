import "server-only";
import { randomBytes } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import { VISITOR_LOCALPART_PREFIX } from "../../lib/conversation/event-types";
import { challengeKey, peekChallenge, readChallenge, signChallenge } from "../../lib/proof-of-work/challenge-token";
import { meetsDifficulty } from "../../lib/proof-of-work/solve-challenge";
import type { VisitorChallenge } from "../../lib/widget-protocol/visitor-session-response";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";

let key: Promise<CryptoKey> | undefined;
const signingKey = (): Promise<CryptoKey> => (key ??= challengeKey(env().VISITOR_POW_SECRET ?? env().NEXTAUTH_SECRET));

/** A challenge for a visitor of a registered site, or a 404 for an unknown site. */
export async function issueChallengeForSite(siteId: string): Promise<VisitorChallenge> {
  const [site] = await db().select({ id: schema.sites.id }).from(schema.sites).where(eq(schema.sites.id, siteId));
  if (!site) throw new Refusal(404, `Unknown site "${siteId}"`);
  return issueChallenge(site.id);
}

/** A new challenge for a visitor of `siteId`: signed, so the server keeps nothing until it is spent. */
export async function issueChallenge(siteId: string): Promise<VisitorChallenge> {
  const e = env();
  const claims = { siteId, bits: e.VISITOR_POW_BITS, expiresAt: Date.now() + e.VISITOR_POW_TTL_SECONDS * 1000, salt: randomBytes(16).toString("hex") };
  return { challenge: await signChallenge(await signingKey(), claims), bits: claims.bits, expiresAt: claims.expiresAt };
}

/**
 * The localpart of the visitor account a challenge makes: `visitor-<its salt>`. The server
 * chose the salt and signed it, so no client chooses its own (or another's) user id, and the
 * challenge is spent when the account is made: one challenge, one account. Known to the frame
 * before the account exists (a user id is no secret), so the device's crypto store opens
 * beside the request (docs/security.md, "The visitor's user id, decided ahead").
 */
export const visitorLocalpartOf = (claims: { salt: string }): string => `${VISITOR_LOCALPART_PREFIX}${claims.salt}`;

/**
 * The user id the frame page announces with its challenge: made only through the application
 * service (which registers the device id the widget chose); null on the shared-secret path.
 */
export function announcedVisitorId(challenge: string): string | null {
  const e = env();
  const claims = peekChallenge(challenge);
  if (!e.SYNAPSE_APPSERVICE_TOKEN || !claims) return null;
  // Visitors live on the router's homeserver (the application service's namespace names that server).
  return `@${visitorLocalpartOf(claims)}:${e.ROUTER_USER_ID.slice(e.ROUTER_USER_ID.indexOf(":") + 1)}`;
}

/** Checks signature, site, expiry and work; no database access (cheap to refuse). */
export async function checkWork(challenge: string, nonce: string, siteId: string): Promise<{ expiresAt: number; localpart: string }> {
  const claims = await readChallenge(await signingKey(), challenge);
  if (!claims) throw new Refusal(400, "The proof-of-work challenge is malformed or was not issued by this server");
  if (claims.siteId !== siteId) throw new Refusal(403, "The proof-of-work challenge was issued for another site");
  if (claims.expiresAt < Date.now()) throw new Refusal(403, "The proof-of-work challenge has expired: ask for a new one");
  if (!(await meetsDifficulty(challenge, nonce, claims.bits))) throw new Refusal(403, "The proof of work is wrong: the nonce does not solve the challenge");
  return { expiresAt: claims.expiresAt, localpart: visitorLocalpartOf(claims) };
}

/** Marks a checked challenge as used; a second use is refused, also across app replicas. */
export async function spendChallenge(challenge: string, expiresAt: number): Promise<void> {
  const digest = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(challenge))).toString("hex");
  const t = schema.spentChallenges;
  const inserted = await db()
    .insert(t)
    .values({ id: digest, expiresAt: new Date(expiresAt) })
    .onConflictDoNothing()
    .returning({ id: t.id });
  await db().delete(t).where(lt(t.expiresAt, new Date()));
  if (inserted.length === 0) throw new Refusal(409, "This proof-of-work challenge was already used: ask for a new one");
}
