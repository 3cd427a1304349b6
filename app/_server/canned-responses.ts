import "server-only";
import { asc, eq } from "drizzle-orm";
import { Refusal } from "./refusal";
import { db, schema } from "./db";

export type CannedResponse = { id: number; teamId: string; title: string; body: string };

/** The canned responses of every team the agent belongs to. */
export async function cannedResponsesFor(userId: string): Promise<CannedResponse[]> {
  return db()
    .select({ id: schema.cannedResponses.id, teamId: schema.cannedResponses.teamId, title: schema.cannedResponses.title, body: schema.cannedResponses.body })
    .from(schema.cannedResponses)
    .innerJoin(schema.teamMembers, eq(schema.teamMembers.teamId, schema.cannedResponses.teamId))
    .where(eq(schema.teamMembers.agentUserId, userId))
    .orderBy(asc(schema.cannedResponses.title));
}

/** Adds a canned response to a team (400 if there is no such team). */
export async function addCannedResponse(input: { teamId: string; title: string; body: string }): Promise<CannedResponse> {
  const [team] = await db().select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.id, input.teamId));
  if (!team) throw new Refusal(400, `No such team: ${input.teamId}`);
  const [row] = await db().insert(schema.cannedResponses).values(input).returning();
  if (!row) throw new Error("inserting a canned response returned no row");
  return { id: row.id, teamId: row.teamId, title: row.title, body: row.body };
}
