// zod/mini: this module runs in the widget frame, whose bundle has a size budget.
import * as z from "zod/mini";
import { ed25519Valid } from "./ed25519-check";
import { orgKeySchema, type SignedRoster } from "./roster";
import { rosterSigningText, verifyRoster, type RosterRefusal } from "./verify-roster";

/** The endorsement's type tag: a signature over a roster never passes for an endorsement, nor the reverse. */
export const ENDORSEMENT_TYPE = "org.sealdesk.key_endorsement";

/**
 * A rotation's cross-signature: the old organisation key says "the new key speaks for this
 * organisation until `expires_at`" (ms since the epoch). `signatures` maps the old key to an
 * Ed25519 signature of the canonical JSON of the rest (as a roster's).
 */
export const keyEndorsementSchema = z.strictObject({
  type: z.literal(ENDORSEMENT_TYPE),
  old_key: orgKeySchema,
  new_key: orgKeySchema,
  issued_at: z.int().check(z.minimum(0)),
  expires_at: z.int().check(z.minimum(0)),
  signatures: z.record(z.string(), z.string().check(z.maxLength(200))),
});

/** A signed endorsement of a new organisation key by the old one; see {@link followEndorsements}. */
export type KeyEndorsement = z.infer<typeof keyEndorsementSchema>;

/** Why a key could not be reached from the pinned one. */
export type EndorsementRefusal = "no-endorsement" | "expired" | "bad-endorsement";

// A chain longer than this is refused (each rotation adds one; old ones expire).
const MAX_HOPS = 8;

/**
 * Whether `target` speaks for the organisation whose key the caller pinned
 * (the snippet's `data-org-key`, or the console's first-seen key): the same
 * key, or reached through endorsements each signed by the key before it and
 * not expired at `now`. `until` is when the earliest endorsement used expires
 * (null: no endorsement needed). Never throws.
 */
export async function followEndorsements(
  pinned: string,
  target: string,
  endorsements: unknown,
  now: number,
): Promise<{ ok: true; until: number | null } | { ok: false; reason: EndorsementRefusal }> {
  const list = Array.isArray(endorsements) ? endorsements.slice(0, 50).flatMap((e) => keyEndorsementSchema.safeParse(e).data ?? []) : [];
  let current = pinned;
  let until: number | null = null;
  for (let hop = 0; current !== target; hop++) {
    if (hop >= MAX_HOPS) return { ok: false, reason: "no-endorsement" };
    let refusal: EndorsementRefusal = "no-endorsement";
    let next: KeyEndorsement | null = null;
    for (const e of list.filter((x) => x.old_key === current)) {
      if (!(await ed25519Valid(current, e.signatures[current], rosterSigningText(e)))) refusal = "bad-endorsement";
      else if (now >= e.expires_at) refusal = "expired";
      else {
        next = e;
        break;
      }
    }
    if (!next) return { ok: false, reason: refusal };
    current = next.new_key;
    until = Math.min(until ?? next.expires_at, next.expires_at);
  }
  return { ok: true, until };
}

/**
 * {@link verifyRoster} for a caller that pinned `pinned`: the roster must be
 * signed by its own `org_key`, and that key must be `pinned` or follow from it
 * by {@link followEndorsements}. Never throws.
 */
export async function verifyRosterFrom(
  value: unknown,
  pinned: string,
  endorsements: unknown,
  now: number,
): Promise<{ ok: true; roster: SignedRoster; until: number | null } | { ok: false; reason: RosterRefusal | EndorsementRefusal }> {
  const signer = (value as { org_key?: unknown } | null)?.org_key;
  const key = typeof signer === "string" ? signer : pinned;
  const followed = await followEndorsements(pinned, key, endorsements, now);
  if (!followed.ok) return followed;
  const checked = await verifyRoster(value, key);
  return checked.ok ? { ...checked, until: followed.until } : checked;
}
