import { keyEndorsementSchema, type KeyEndorsement } from "./key-endorsement";

/**
 * The rotations whose transition has not ended at `now` (their old snippets
 * still work), latest end first. For display only: what the server stores is
 * judged by the widget and console, not trusted here.
 */
export function transitionsInForce(endorsements: unknown, now: number): KeyEndorsement[] {
  const list = Array.isArray(endorsements) ? endorsements.flatMap((e) => keyEndorsementSchema.safeParse(e).data ?? []) : [];
  return list.filter((e) => e.expires_at > now).sort((a, b) => b.expires_at - a.expires_at);
}

/** When a transition ends, in plain words: "6 January 2027 at 14:00 UTC". */
export function transitionDate(ms: number): string {
  return new Date(ms).toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}
