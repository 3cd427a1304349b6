import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db, schema } from "./db";

/** The team an agent supervises now, or null (read from the database: a role change takes effect at once). */
export async function supervisedTeam(userId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db()
    .select({ id: schema.teams.id, name: schema.teams.name })
    .from(schema.agents)
    .innerJoin(schema.teams, eq(schema.teams.id, schema.agents.supervisesTeamId))
    .where(and(eq(schema.agents.userId, userId), isNull(schema.agents.offboardedAt)));
  return row ?? null;
}
