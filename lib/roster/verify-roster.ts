import { stringify } from "another-json";
import { ed25519Valid } from "./ed25519-check";
import { signedRosterSchema, type SignedRoster } from "./roster";

/** Why a roster was refused, for messages to people (never shown as a stack trace). */
export type RosterRefusal = "malformed" | "other-key" | "bad-signature";

/**
 * Checks that `value` is a well-formed roster of the organisation whose key is
 * `orgKey` (`ed25519:<base64>`, as in the embed snippet) and that it carries a
 * valid Ed25519 signature by that key over its canonical JSON without
 * `signatures`. Uses WebCrypto only, so the same code runs in the widget, the
 * console, the app server and the tests. Never throws.
 */
export async function verifyRoster(value: unknown, orgKey: string): Promise<{ ok: true; roster: SignedRoster } | { ok: false; reason: RosterRefusal }> {
  const parsed = signedRosterSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const roster = parsed.data;
  if (roster.org_key !== orgKey) return { ok: false, reason: "other-key" };
  const ok = await ed25519Valid(orgKey, roster.signatures[orgKey], rosterSigningText(roster));
  return ok ? { ok: true, roster } : { ok: false, reason: "bad-signature" };
}

/** The exact text a roster signature covers: Matrix canonical JSON of the roster without `signatures`. */
export function rosterSigningText(roster: object): string {
  const { signatures: _s, ...content } = roster as { signatures?: unknown };
  return stringify(content);
}
