/** A member the degraded mode flags: neither the visitor, the router nor an agent the app lists; `confirmed` once the sender chose to continue with them present. */
export type UnknownMember = { userId: string; confirmed: boolean };

/**
 * The degraded mode's check (a site without an organisation key, DESIGN.md trust
 * model 4): nothing vouches for identities, so every member (joined or invited)
 * who is not the sender, the conversation's visitor, the router or an agent the
 * app lists is flagged. The sender's messages are held while any flagged member
 * is unconfirmed; a confirmation covers that one user id only, so another
 * newcomer holds again. The app's agent list is metadata the server could
 * forge: this mode shows intruders, it does not keep them out.
 */
export function checkUnknownMembers(input: {
  members: readonly string[];
  me: string;
  visitorUserId?: string | null;
  routerUserId: string;
  knownAgents: ReadonlySet<string>;
  confirmed: ReadonlySet<string>;
}): UnknownMember[] {
  const out: UnknownMember[] = [];
  for (const userId of new Set(input.members)) {
    if (userId === input.me || userId === input.visitorUserId || userId === input.routerUserId || input.knownAgents.has(userId)) continue;
    out.push({ userId, confirmed: input.confirmed.has(userId) });
  }
  return out;
}

/** Whether the sender must wait: some flagged member has not been confirmed. */
export function holdsForUnknown(unknown: readonly UnknownMember[]): boolean {
  return unknown.some((u) => !u.confirmed);
}
