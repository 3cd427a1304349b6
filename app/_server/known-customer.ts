import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { customerIdHash } from "../../lib/customers/customer-id";
import { verifyCustomerToken, type CustomerClaims, type CustomerTokenRefusal } from "../../lib/customers/customer-token";
import type { RegisteredAccount } from "../../lib/matrix/shared-secret-register";
import type { CustomerSession } from "../../lib/widget-protocol/customer-session-response";
import type { CustomerSessionRequest } from "../../lib/widget-protocol/customer-session";
import { newCustomerDevice } from "./customer-device";
import { registerVisitorAccount, sessionFor } from "./provision-visitor";
import { db, schema } from "./db";
import { Refusal } from "./refusal";
import { integrationsKey, siteVerificationKeys } from "./site-identity";

const { customers, sites, spentCustomerTokens, visitors } = schema;

// What the widget (and the host site's developer, in the browser console) reads for each refusal.
const MESSAGES: Record<CustomerTokenRefusal, string> = {
  malformed: "The customer token is not a readable JWT",
  alg_not_allowed: "The customer token's algorithm is not one this site registered a key for",
  bad_signature: "The customer token's signature does not match this site's key",
  expired: "The customer token has expired: sign a new one for each page",
  not_yet_valid: "The customer token is not valid yet (check the signing server's clock)",
  wrong_audience: "The customer token was issued for another site (aud must be the site id)",
  wrong_issuer: "The customer token's iss is not the site id",
  lifetime_too_long: "The customer token lives too long (exp - iat must be at most 10 minutes)",
  missing_claim: "The customer token lacks sub, exp, iat or jti",
};

/**
 * Signs in a known customer: checks the site and the embedding origin, verifies
 * the host site's token (refusals are 401 with a reason code, before anything
 * is written), spends its jti (a replay is a 409), then gives the browser a new
 * device on the customer's one visitor account, created on first use.
 */
export async function provisionCustomer(req: CustomerSessionRequest): Promise<CustomerSession> {
  const [site] = await db().select().from(sites).where(eq(sites.id, req.siteId));
  if (!site) throw new Refusal(404, `Unknown site "${req.siteId}"`);
  if (!site.allowedOrigins.includes(new URL(req.hostOrigin).origin)) throw new Refusal(403, "This website is not allowed to embed the chat for this site");
  const keys = await siteVerificationKeys(site.id);
  if (!keys) throw new Refusal(403, "This site does not verify customers: register a secret or public key on the Sites page", {}, "not_enabled");
  const verdict = await verifyCustomerToken(req.token, site.id, keys, new Date());
  if (!verdict.ok) throw new Refusal(401, MESSAGES[verdict.reason], {}, verdict.reason);
  await spendToken(site.id, verdict.claims);
  const account = await customerAccount(site.id, customerIdHash(integrationsKey(), site.id, verdict.claims.sub));
  const { sub, name, email } = verdict.claims;
  return {
    ...sessionFor(account),
    customer: { sub, ...(name ? { name } : {}), ...(email ? { email } : {}) },
    // A device on an existing account needs it once, to replace the identity (UIA).
    ...("password" in account ? { identityResetPassword: account.password } : {}),
  };
}

/** Single use: the first request with a jti wins, also across app replicas; the row goes once the token expired. */
async function spendToken(siteId: string, claims: CustomerClaims): Promise<void> {
  const id = createHash("sha256").update(`${siteId}\n${claims.jti}`).digest("hex");
  const inserted = await db()
    .insert(spentCustomerTokens)
    .values({ id, expiresAt: new Date((claims.exp + 60) * 1000) })
    .onConflictDoNothing()
    .returning({ id: spentCustomerTokens.id });
  await db().delete(spentCustomerTokens).where(lt(spentCustomerTokens.expiresAt, new Date()));
  if (inserted.length === 0) throw new Refusal(409, "This customer token was already used: sign a new one for each page", {}, "replayed");
}

/**
 * The customer's account on a new device. The first use creates the account
 * under a transaction-scoped advisory lock on (site, customer): two first
 * uses at once queue there, and the second finds the first's row.
 */
async function customerAccount(siteId: string, subHash: string): Promise<RegisteredAccount | Awaited<ReturnType<typeof newCustomerDevice>>> {
  const existing = await mappedVisitor(siteId, subHash);
  if (existing) return newCustomerDevice(existing);
  const created = await db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`customer:${siteId}:${subHash}`}, 0))`);
    const [row] = await tx
      .select({ userId: customers.visitorUserId })
      .from(customers)
      .where(and(eq(customers.siteId, siteId), eq(customers.subHash, subHash)));
    if (row) return { userId: row.userId, account: null };
    // Random like every visitor's: the localpart says nothing about the customer.
    const account = await registerVisitorAccount();
    await tx.insert(visitors).values({ userId: account.userId, siteId });
    await tx.insert(customers).values({ siteId, subHash, visitorUserId: account.userId });
    return { userId: account.userId, account };
  });
  return created.account ?? newCustomerDevice(created.userId);
}

async function mappedVisitor(siteId: string, subHash: string): Promise<string | null> {
  const [row] = await db()
    .select({ userId: customers.visitorUserId })
    .from(customers)
    .where(and(eq(customers.siteId, siteId), eq(customers.subHash, subHash)));
  return row?.userId ?? null;
}

/** True when the app verified this visitor account as a site's customer (the console's "verified customer" mark). */
export async function isVerifiedCustomer(visitorUserId: string): Promise<boolean> {
  const [row] = await db().select({ userId: customers.visitorUserId }).from(customers).where(eq(customers.visitorUserId, visitorUserId));
  return Boolean(row);
}
