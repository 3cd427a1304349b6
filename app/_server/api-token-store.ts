import "server-only";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { hashApiToken, newApiToken } from "../../lib/integrations/api-tokens";
import type { ApiScope } from "../../lib/integrations/api-scopes";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

const { apiTokens } = schema;

/** The stored row of a presented token (looked up by its SHA-256), if any. */
export async function findApiToken(token: string): Promise<{ id: number; name: string; scopes: string[]; revokedAt: Date | null } | undefined> {
  const [row] = await db()
    .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));
  return row;
}

/** Records that a token was used, at most once a minute (no write on every request). */
export async function touchApiToken(id: number, now = new Date()): Promise<void> {
  await db()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
}

/** Creates a token; the answer is the only time the token itself exists outside the caller's hands (only its hash is stored). */
export async function createApiToken(input: { name: string; scopes: ApiScope[] }, by: string) {
  const { token, hash } = newApiToken();
  const [row] = await db()
    .insert(apiTokens)
    .values({ name: input.name, scopes: [...new Set(input.scopes)], tokenHash: hash, createdBy: by })
    .returning();
  if (!row) throw new Error("token not stored");
  return { ...listing(row), token };
}

function listing(r: typeof apiTokens.$inferSelect) {
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** Every token (newest first), without hashes. */
export async function listApiTokens() {
  return (await db().select().from(apiTokens).orderBy(desc(apiTokens.id))).map(listing);
}

/** Revokes a token: refused at once on the next request (401). Idempotent. */
export async function revokeApiToken(id: number) {
  const [row] = await db()
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  const current = row ?? (await db().select().from(apiTokens).where(eq(apiTokens.id, id)))[0];
  if (!current) throw new Refusal(404, "No such API token");
  return listing(current);
}
