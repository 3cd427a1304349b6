/** An agent who stopped supervising a team, and when. */
export type FormerSupervisor = { userId: string; at: Date };

const PREFIX = "supervisor:";

/**
 * Who stopped supervising each team, from the audited role changes
 * (`fromRole` "supervisor:<team id>"): the latest such change per agent and
 * team, leaving out whoever supervises that team again now (`current`). Pure.
 */
export function formerSupervisors(
  changes: readonly { userId: string; fromRole: string; at: Date }[],
  current: ReadonlyMap<string, readonly string[]>,
): Map<string, FormerSupervisor[]> {
  const latest = new Map<string, Map<string, Date>>();
  for (const c of changes) {
    if (!c.fromRole.startsWith(PREFIX)) continue;
    const teamId = c.fromRole.slice(PREFIX.length);
    if (current.get(teamId)?.includes(c.userId)) continue;
    const byUser = latest.get(teamId) ?? new Map<string, Date>();
    const seen = byUser.get(c.userId);
    if (!seen || seen < c.at) byUser.set(c.userId, c.at);
    latest.set(teamId, byUser);
  }
  return new Map([...latest].map(([teamId, byUser]) => [teamId, [...byUser].map(([userId, at]) => ({ userId, at }))]));
}
