import "server-only";
import { and, eq, isNull, lt, ne } from "drizzle-orm";
import { followEndorsements, keyEndorsementSchema } from "../../lib/roster/key-endorsement";
import { verifyRoster } from "../../lib/roster/verify-roster";
import { db, schema } from "./db";
import { currentOrgTrust, ORG } from "./org-trust";
import { Refusal } from "./refusal";

// A transition longer than this is refused: an old snippet should not outlive its key for years.
const MAX_TRANSITION_MS = 366 * 86_400_000;

/**
 * Replaces the organisation key, as an operator's browser rotated it: the
 * endorsement must be signed by the registered (old) key and name the new
 * key, its transition end must be in the future (at most a year), and the
 * roster must be signed by the new key with a version above the published
 * one. Refused with a 400/409 otherwise, changing nothing. The endorsement
 * is kept (with the earlier, unexpired ones) for widgets and consoles that
 * pinned an older key.
 */
export async function rotateOrgKey(endorsement: unknown, roster: unknown, by: string, now = Date.now()) {
  const current = await currentOrgTrust();
  if (!current) throw new Refusal(409, "Create the organisation key first");
  const parsed = keyEndorsementSchema.safeParse(endorsement);
  if (!parsed.success) throw new Refusal(400, "This is not a key endorsement");
  const e = parsed.data;
  if (e.old_key !== current.orgKey) throw new Refusal(409, "The endorsement is not by the registered organisation key");
  if (e.new_key === e.old_key) throw new Refusal(400, "The new key is the old key");
  if (e.expires_at <= now || e.expires_at > now + MAX_TRANSITION_MS) throw new Refusal(400, "The transition must end in the future, within a year");
  const followed = await followEndorsements(e.old_key, e.new_key, [e], now);
  if (!followed.ok) throw new Refusal(400, "The endorsement is not signed by the registered organisation key");
  const checked = await verifyRoster(roster, e.new_key);
  if (!checked.ok) throw new Refusal(400, "The roster is not signed by the new organisation key");
  if (checked.roster.version <= current.version)
    throw new Refusal(409, `Roster version ${checked.roster.version} is not newer than the published one (${current.version})`);
  const kept = current.endorsements.filter((x) => (keyEndorsementSchema.safeParse(x).data?.expires_at ?? 0) > now);
  const updated = await db()
    .update(schema.orgTrust)
    .set({ orgKey: e.new_key, roster: checked.roster, rosterVersion: checked.roster.version, endorsements: [...kept, e], updatedBy: by, updatedAt: new Date() })
    // Two rotations at once: only the one that still sees the old key wins.
    .where(and(eq(schema.orgTrust.id, ORG), eq(schema.orgTrust.orgKey, e.old_key), lt(schema.orgTrust.rosterVersion, checked.roster.version)))
    .returning({ id: schema.orgTrust.id });
  if (!updated.length) throw new Refusal(409, "The organisation key or roster changed meanwhile; reload and try again");
  return { orgKey: e.new_key, version: checked.roster.version, transitionEndsAt: e.expires_at };
}

/**
 * Records a handover (who, to whom, which key, when): the key itself went
 * browser to browser, Olm-encrypted. The recipient must be another current
 * operator and the key the registered one.
 */
export async function recordHandover(from: string, to: string, orgKey: string): Promise<number> {
  if (from === to) throw new Refusal(400, "Hand the key to another operator");
  const current = await currentOrgTrust();
  if (current?.orgKey !== orgKey) throw new Refusal(409, "That is not the registered organisation key");
  const [op] = await db()
    .select({ role: schema.agents.role })
    .from(schema.agents)
    .where(and(eq(schema.agents.userId, to), eq(schema.agents.role, "operator"), ne(schema.agents.userId, from), isNull(schema.agents.offboardedAt)));
  if (!op) throw new Refusal(400, `${to} is not an operator`);
  const [row] = await db().insert(schema.orgKeyHandovers).values({ fromUserId: from, toUserId: to, orgKey }).returning({ id: schema.orgKeyHandovers.id });
  return row!.id;
}
