import "server-only";
import { eq } from "drizzle-orm";
import { importJWK, type CryptoKey, type JWK } from "jose";
import type { z } from "zod";
import type { changeSiteIdentityRoute, siteIdentitySchema } from "../../lib/console-api/customer-routes";
import type { SiteVerificationKeys } from "../../lib/customers/customer-token";
import { newIdentitySecret, parsePublicKey, publicKeyThumbprint } from "../../lib/customers/identity-keys";
import { openSecret, sealSecret } from "../../lib/integrations/secret-box";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";

const { siteIdentity, sites } = schema;
type Settings = z.input<typeof siteIdentitySchema>;
type Row = typeof siteIdentity.$inferSelect;

/** Identity verification needs INTEGRATIONS_KEY: it seals the secrets and keys the customer id hashes. */
export function integrationsKey(): string {
  const key = env().INTEGRATIONS_KEY;
  if (!key) throw new Refusal(503, "Known customers are not set up on this server: set INTEGRATIONS_KEY for the app");
  return key;
}

async function settingsOf(siteId: string, row: Row | undefined): Promise<Settings> {
  const pk = row?.publicKeyAlg && row.publicKeyJwk ? { alg: row.publicKeyAlg as "ES256" | "EdDSA", jwk: row.publicKeyJwk as JWK } : null;
  return { siteId, hasSecret: Boolean(row?.secretBox), publicKey: pk ? { alg: pk.alg, thumbprint: await publicKeyThumbprint(pk) } : null };
}

async function rowOf(siteId: string): Promise<Row | undefined> {
  const [site] = await db().select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
  if (!site) throw new Refusal(404, `Unknown site "${siteId}"`);
  const [row] = await db().select().from(siteIdentity).where(eq(siteIdentity.siteId, siteId));
  return row;
}

/** The site's settings (no secret). */
export async function siteIdentitySettings(siteId: string): Promise<Settings> {
  return settingsOf(siteId, await rowOf(siteId));
}

/** Applies an operator's change; a new secret is answered this once and stored sealed. */
export async function changeSiteIdentity(change: z.output<typeof changeSiteIdentityRoute.body>): Promise<Settings & { secret?: string }> {
  await rowOf(change.siteId);
  const key = integrationsKey();
  let values: Partial<Row> = {};
  let secret: string | undefined;
  if (change.action === "new-secret") {
    secret = newIdentitySecret();
    values = { secretBox: sealSecret(key, secret) };
  } else if (change.action === "remove-secret") values = { secretBox: null };
  else if (change.action === "remove-key") values = { publicKeyAlg: null, publicKeyJwk: null };
  else if (change.action === "set-key") {
    const parsed = await parsePublicKey(change.alg, change.publicKey);
    if (!parsed.ok) throw new Refusal(400, `publicKey: ${parsed.error}`);
    values = { publicKeyAlg: parsed.key.alg, publicKeyJwk: parsed.key.jwk };
  }
  const [row] = await db()
    .insert(siteIdentity)
    .values({ siteId: change.siteId, ...values })
    .onConflictDoUpdate({ target: siteIdentity.siteId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return { ...(await settingsOf(change.siteId, row)), ...(secret ? { secret } : {}) };
}

/** The keys a site's customer tokens are verified with; none registered: known customers are off for it. */
export async function siteVerificationKeys(siteId: string): Promise<SiteVerificationKeys | null> {
  const [row] = await db().select().from(siteIdentity).where(eq(siteIdentity.siteId, siteId));
  if (!row || (!row.secretBox && !row.publicKeyJwk)) return null;
  const keys: SiteVerificationKeys = {};
  if (row.secretBox) keys.secret = new TextEncoder().encode(openSecret(integrationsKey(), row.secretBox));
  if (row.publicKeyAlg && row.publicKeyJwk) {
    const alg = row.publicKeyAlg as "ES256" | "EdDSA";
    keys.publicKey = { alg, key: (await importJWK(row.publicKeyJwk as JWK, alg)) as CryptoKey };
  }
  return keys;
}
