import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { roleChangeRefusal, roleLabel, roleOfRow, rowOfRole, type AgentRole } from "../../lib/agents/agent-role";
import { republishTeams } from "../../lib/conversation/team-supervisors";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

const { agents, roleChanges, teams } = schema;

/**
 * Changes an agent's role (agent, supervisor of a team, operator) and records
 * who did it; refuses unknown or offboarded agents, unknown teams, no change,
 * and demoting the last operator. The agent row is locked so that two
 * operators demoting each other at once cannot leave no operator.
 */
export async function changeRole(userId: string, next: AgentRole, by: string): Promise<{ from: string; to: string }> {
  return db().transaction(async (tx) => {
    // Every operator row, in id order: two demotions at once serialise, and the count below is exact.
    await tx.select({ userId: agents.userId }).from(agents).where(eq(agents.role, "operator")).orderBy(agents.userId).for("update");
    const [row] = await tx.select().from(agents).where(eq(agents.userId, userId)).for("update");
    const [ops] = await tx
      .select({ n: count() })
      .from(agents)
      .where(and(eq(agents.role, "operator"), isNull(agents.offboardedAt)));
    const teamId = next.kind === "supervisor" ? next.teamId : null;
    const team = teamId ? await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)) : [];
    const current = row ? roleOfRow(row) : null;
    const refusal = roleChangeRefusal({ current, offboarded: !!row?.offboardedAt, next, teamExists: team.length > 0, operators: ops?.n ?? 0 });
    if (refusal || !current) throw new Refusal(refusal?.status ?? 404, refusal?.message ?? "No such agent");
    await tx.update(agents).set(rowOfRole(next)).where(eq(agents.userId, userId));
    const change = { from: roleLabel(current), to: roleLabel(next) };
    await tx.insert(roleChanges).values({ userId, by, fromRole: change.from, toRole: change.to });
    // A supervisor is a declared reader of their team's open conversations: the router republishes who reads them (and kicks a former one).
    await republishTeams(tx, [current.kind === "supervisor" ? current.teamId : null, next.kind === "supervisor" ? next.teamId : null]);
    return change;
  });
}

/** Role changes, newest first (the audit's entries). */
export async function roleChangeLog(): Promise<(typeof roleChanges.$inferSelect)[]> {
  return db().select().from(roleChanges).orderBy(desc(roleChanges.at)).limit(200);
}
