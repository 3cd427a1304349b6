import type { SignedRoster } from "./roster";

/**
 * What an agent may do about a member's changed encryption identity:
 * `accept` it (the conversation's visitor; a rostered agent whose new master
 * key the signed roster names; without a key, an agent the app lists),
 * `roster-pending` (a rostered agent whose new key no roster names yet: an
 * operator must sign it) or nothing, `stranger` (anyone else: never offered).
 */
export type IdentityAcceptance = "accept" | "roster-pending" | "stranger";

/** Decides {@link IdentityAcceptance} for one member; `trust` is what the console verified (null: refused, nobody but the visitor). */
export function identityAcceptance(input: {
  userId: string;
  visitorUserId: string | null;
  seenMasterKey: string | null;
  trust: { roster: SignedRoster } | { agents: ReadonlySet<string> } | null;
}): IdentityAcceptance {
  if (input.userId === input.visitorUserId) return "accept";
  if (!input.trust) return "stranger";
  if (!("roster" in input.trust)) return input.trust.agents.has(input.userId) ? "accept" : "stranger";
  const rostered = input.trust.roster.agents.find((a) => a.user_id === input.userId);
  if (!rostered) return "stranger";
  return input.seenMasterKey === rostered.master_key ? "accept" : "roster-pending";
}
