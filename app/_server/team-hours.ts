import "server-only";
import { asc, eq } from "drizzle-orm";
import { teamHoursSchema, type TeamHours } from "../../lib/hours/team-hours";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

/** A stored value that no longer fits the schema is treated as no hours (always open) rather than breaking the widget. */
export function storedHours(value: unknown): TeamHours | null {
  const parsed = teamHoursSchema.nullable().safeParse(value ?? null);
  return parsed.success ? parsed.data : null;
}

/** Every team's hours, for the operator page. */
export async function listTeamHours(): Promise<{ teamId: string; name: string; hours: TeamHours | null }[]> {
  const rows = await db()
    .select({ teamId: schema.teams.id, name: schema.teams.name, hours: schema.teams.hours })
    .from(schema.teams)
    .orderBy(asc(schema.teams.name));
  return rows.map((r) => ({ ...r, hours: storedHours(r.hours) }));
}

/** Sets a team's hours (null: always open); 404 for an unknown team, which changes nothing. */
export async function setTeamHours(teamId: string, hours: TeamHours | null): Promise<{ teamId: string; hours: TeamHours | null }> {
  const [row] = await db().update(schema.teams).set({ hours }).where(eq(schema.teams.id, teamId)).returning({ teamId: schema.teams.id });
  if (!row) throw new Refusal(404, `Unknown team "${teamId}"`);
  return { teamId, hours };
}
