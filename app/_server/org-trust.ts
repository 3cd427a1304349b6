import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { SignedRoster } from "../../lib/roster/roster";
import { verifyRoster } from "../../lib/roster/verify-roster";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

/** The one organisation row's id. */
export const ORG = "org";

/** The registered organisation key, the latest signed roster and the rotations' endorsements (as stored: callers that trust it must verify it). */
export async function currentOrgTrust(): Promise<{ orgKey: string; roster: unknown; version: number; endorsements: unknown[] } | null> {
  const [row] = await db().select().from(schema.orgTrust).where(eq(schema.orgTrust.id, ORG));
  const endorsements = Array.isArray(row?.endorsements) ? (row.endorsements as unknown[]) : [];
  return row ? { orgKey: row.orgKey, roster: row.roster, version: row.rosterVersion, endorsements } : null;
}

/**
 * Registers the organisation's public key, once. Replacing it would silently
 * invalidate every embed snippet the business published, so a second key is a 409.
 */
export async function registerOrgKey(orgKey: string, by: string): Promise<void> {
  const inserted = await db().insert(schema.orgTrust).values({ id: ORG, orgKey, updatedBy: by }).onConflictDoNothing().returning({ id: schema.orgTrust.id });
  if (inserted.length) return;
  const current = await currentOrgTrust();
  if (current?.orgKey !== orgKey) throw new Refusal(409, "An organisation key is already registered; every published snippet carries it");
}

/**
 * Stores a roster an operator signed in their browser, after verifying it
 * against the registered key: a bad signature is a 400, a version not above
 * the stored one a 409 (no replay of an older roster).
 */
export async function publishRoster(value: unknown, by: string): Promise<SignedRoster> {
  const current = await currentOrgTrust();
  if (!current) throw new Refusal(409, "Create the organisation key first");
  const checked = await verifyRoster(value, current.orgKey);
  if (!checked.ok) throw new Refusal(400, checked.reason === "malformed" ? "This is not a roster" : "The roster is not signed by the organisation key");
  const roster = checked.roster;
  // The version check is in the UPDATE itself: two operators signing at once cannot both win.
  const updated = await db()
    .update(schema.orgTrust)
    .set({ roster, rosterVersion: roster.version, updatedBy: by, updatedAt: new Date() })
    .where(and(eq(schema.orgTrust.id, ORG), lt(schema.orgTrust.rosterVersion, roster.version)))
    .returning({ id: schema.orgTrust.id });
  if (!updated.length) throw new Refusal(409, `Roster version ${roster.version} is not newer than the published one (${current.version})`);
  return roster;
}

/** The verified roster, or null when none is published or the stored one does not verify (then nobody is vouched for). */
export async function verifiedRoster(): Promise<SignedRoster | null> {
  const current = await currentOrgTrust();
  if (!current?.roster) return null;
  const checked = await verifyRoster(current.roster, current.orgKey);
  return checked.ok ? checked.roster : null;
}

/** Every agent's and operator's Matrix user id: what the degraded mode (no organisation key) treats as known, as metadata only. */
export async function agentUserIds(): Promise<string[]> {
  return (await db().select({ userId: schema.agents.userId }).from(schema.agents).where(isNull(schema.agents.offboardedAt))).map((a) => a.userId).sort();
}
