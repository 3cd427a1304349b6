import { and, inArray, isNotNull, isNull, like, ne, sql } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { formerSupervisors, type FormerSupervisor } from "../agents/former-supervisors";
import type { Db } from "./transitions";

const { agents, conversations, roleChanges } = schema;

/** Each team's supervisors now, and who stopped supervising it (and when). */
export type TeamSupervisors = {
  /** Team id → user ids of its supervisors (never offboarded). */
  current: ReadonlyMap<string, string[]>;
  /** Team id → agents who supervised it and no longer do, with the time of the change. */
  former: ReadonlyMap<string, FormerSupervisor[]>;
};

/**
 * The supervisors of every team, from the agents' roles, and the former ones
 * from the audited role changes (people, not conversations: a short list).
 * The router publishes the current ones as declared readers and kicks the
 * former ones who joined while they were supervisors.
 */
export async function teamSupervisors(db: Db): Promise<TeamSupervisors> {
  const [rows, changes] = await Promise.all([
    db
      .select({ userId: agents.userId, teamId: agents.supervisesTeamId })
      .from(agents)
      .where(and(isNotNull(agents.supervisesTeamId), isNull(agents.offboardedAt))),
    db
      .select({ userId: roleChanges.userId, fromRole: roleChanges.fromRole, at: roleChanges.at })
      .from(roleChanges)
      .where(like(roleChanges.fromRole, "supervisor:%")),
  ]);
  const current = new Map<string, string[]>();
  for (const r of rows) current.set(r.teamId!, [...(current.get(r.teamId!) ?? []), r.userId]);
  return { current, former: formerSupervisors(changes, current) };
}

/**
 * Republishes the routing state of the open conversations of these teams
 * (their declared readers changed): the router then invites, or kicks.
 */
export async function republishTeams(tx: Db, teamIds: readonly (string | null)[]): Promise<void> {
  const ids = teamIds.filter((t): t is string => t !== null);
  if (ids.length === 0) return;
  await tx
    .update(conversations)
    .set({ version: sql`${conversations.version} + 1` })
    .where(and(ne(conversations.status, "closed"), inArray(conversations.teamId, ids)));
}
