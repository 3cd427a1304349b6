import type { SignedRoster } from "./roster";

/** What the widget's crypto layer sees of a room member: the master key it would encrypt to, and whether the account has any device. */
export type SeenIdentity = { masterKey: string | null; hasDevices: boolean };

/** Why a member blocks sending: not on the roster, on it with another master key, or the router holding keys. */
export type ReaderProblem = { userId: string; reason: "not-on-roster" | "identity-changed" | "no-identity" | "router-has-keys" };

/**
 * Decides whether a sender may encrypt to the room: every member (joined or
 * invited) other than the sender (`me`) and the conversation's visitor must be
 * on the verified roster with exactly the master key the sender's crypto sees
 * for them; the router may be a member only while it has no device and no
 * identity (it then gets no key). The widget passes the visitor as `me`; the
 * console passes the agent as `me` and the visitor as `visitorUserId` (and,
 * to tell whether the visitor's widget holds its messages, the visitor as `me`).
 * Returns every member that blocks sending (empty: safe to send).
 */
export function checkReaders(input: {
  members: readonly string[];
  me: string;
  visitorUserId?: string | null;
  routerUserId: string;
  roster: SignedRoster;
  seen: ReadonlyMap<string, SeenIdentity>;
}): ReaderProblem[] {
  const rostered = new Map(input.roster.agents.map((a) => [a.user_id, a.master_key]));
  const problems: ReaderProblem[] = [];
  for (const userId of new Set(input.members)) {
    if (userId === input.me || userId === input.visitorUserId) continue;
    const seen = input.seen.get(userId) ?? { masterKey: null, hasDevices: false };
    if (userId === input.routerUserId && !rostered.has(userId)) {
      if (seen.masterKey || seen.hasDevices) problems.push({ userId, reason: "router-has-keys" });
      continue;
    }
    const expected = rostered.get(userId);
    if (!expected) problems.push({ userId, reason: "not-on-roster" });
    else if (!seen.masterKey) problems.push({ userId, reason: "no-identity" });
    else if (seen.masterKey !== expected) problems.push({ userId, reason: "identity-changed" });
  }
  return problems;
}
