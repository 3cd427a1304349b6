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

/** Every team's canned responses with the team's name, for the operator's list. */
export async function allCannedResponses(): Promise<(CannedResponse & { teamName: string })[]> {
  return db()
    .select({
      id: schema.cannedResponses.id,
      teamId: schema.cannedResponses.teamId,
      teamName: schema.teams.name,
      title: schema.cannedResponses.title,
      body: schema.cannedResponses.body,
    })
    .from(schema.cannedResponses)
    .innerJoin(schema.teams, eq(schema.teams.id, schema.cannedResponses.teamId))
    .orderBy(asc(schema.teams.name), asc(schema.cannedResponses.title));
}

/** Changes a canned response's title and text (404 if there is no such response). */
export async function updateCannedResponse(input: { id: number; title: string; body: string }): Promise<CannedResponse> {
  const [row] = await db()
    .update(schema.cannedResponses)
    .set({ title: input.title, body: input.body })
    .where(eq(schema.cannedResponses.id, input.id))
    .returning();
  if (!row) throw new Refusal(404, `No such canned response: ${input.id}`);
  return { id: row.id, teamId: row.teamId, title: row.title, body: row.body };
}

/** Removes a canned response (404 if there is no such response). */
export async function deleteCannedResponse(id: number): Promise<{ id: number }> {
  const [row] = await db().delete(schema.cannedResponses).where(eq(schema.cannedResponses.id, id)).returning({ id: schema.cannedResponses.id });
  if (!row) throw new Refusal(404, `No such canned response: ${id}`);
  return { id: row.id };
}
