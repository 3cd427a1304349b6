import { signedRosterSchema, type RosterAgent } from "./roster";

/** The roster's agents without one user: what an offboarding signs. */
export function rosterAgentsWithout(agents: readonly RosterAgent[], userId: string): RosterAgent[] {
  return agents.filter((a) => a.user_id !== userId);
}

/**
 * Checks a roster signed for an offboarding: it must not list the user, and
 * (when a verified roster is published) list nobody who is not on it, with
 * the same master key and role: an offboarding only removes; adding or accepting a
 * changed identity is the roster review's job. Returns why not, or null. The
 * signature itself is checked where the roster is published.
 */
export function rosterOnlyRemoves(current: readonly RosterAgent[] | null, signed: unknown, userId: string): string | null {
  const parsed = signedRosterSchema.safeParse(signed);
  if (!parsed.success) return "This is not a roster";
  if (parsed.data.agents.some((a) => a.user_id === userId)) return `The signed roster still lists ${userId}`;
  if (!current) return null;
  const known = new Map(current.map((a) => [a.user_id, a]));
  // The role too: an offboarding must not make anyone a supervisor, or move one to another team.
  const added = parsed.data.agents.find((a) => known.get(a.user_id)?.master_key !== a.master_key || known.get(a.user_id)?.supervises !== a.supervises);
  return added ? `An offboarding only removes: ${added.user_id} is not on the published roster with that key and role (review it on the Trust page)` : null;
}
