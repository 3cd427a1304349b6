import "server-only";
import { randomBytes } from "node:crypto";
import { asc, inArray } from "drizzle-orm";
import { registerWithSharedSecret } from "../../lib/matrix/shared-secret-register";
import { db, schema } from "./db";
import { env } from "./env";
import { Refusal } from "./refusal";

export type AgentListing = {
  userId: string;
  displayName: string;
  role: "agent" | "operator";
  availability: string;
  teams: string[];
  /** The team a supervisor supervises (null: not a supervisor). */
  supervises: string | null;
  /** When they were offboarded (null: still an agent). */
  offboardedAt: Date | null;
};

/** Agents with their teams, and the teams, for the operator pages. */
export async function agentsAndTeams(): Promise<{ agents: AgentListing[]; teams: { id: string; name: string }[] }> {
  const [agents, teams, members] = await Promise.all([
    db().select().from(schema.agents).orderBy(asc(schema.agents.displayName)),
    db().select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).orderBy(asc(schema.teams.name)),
    db().select().from(schema.teamMembers),
  ]);
  return {
    agents: agents.map((a) => ({
      userId: a.userId,
      displayName: a.displayName,
      role: a.role,
      availability: a.availability,
      teams: members.filter((m) => m.agentUserId === a.userId).map((m) => m.teamId),
      supervises: a.supervisesTeamId,
      offboardedAt: a.offboardedAt,
    })),
    teams,
  };
}

export type NewAgent =
  | { kind: "new"; username: string; displayName: string; role: "agent" | "operator"; teams: string[] }
  | { kind: "existing"; userId: string; displayName: string; role: "agent" | "operator"; teams: string[] };

/**
 * Adds an agent. `new`: creates the Matrix account by shared-secret
 * registration with a one-time password that is returned once for the
 * operator to hand over and never stored (the agent's device keys are created
 * later in the agent's own browser). `existing`: links a Matrix account that
 * already exists. Checks everything before changing anything. `by` (the
 * operator) is recorded: the roster review treats only such rows as added
 * through the console.
 */
export async function addAgent(input: NewAgent, by: string): Promise<{ userId: string; oneTimePassword: string | null }> {
  if (input.teams.length) {
    const found = await db().select({ id: schema.teams.id }).from(schema.teams).where(inArray(schema.teams.id, input.teams));
    const missing = input.teams.filter((t) => !found.some((f) => f.id === t));
    if (missing.length) throw new Refusal(400, `No such team: ${missing.join(", ")}`);
  }
  let userId: string;
  let oneTimePassword: string | null = null;
  if (input.kind === "existing") {
    if (!(await matrixAccountExists(input.userId))) throw new Refusal(404, `No Matrix account ${input.userId}`);
    userId = input.userId;
  } else {
    oneTimePassword = randomBytes(12).toString("base64url");
    try {
      const account = await registerWithSharedSecret({
        homeserverUrl: env().SYNAPSE_URL,
        sharedSecret: env().SYNAPSE_REGISTRATION_SECRET,
        username: input.username,
        password: oneTimePassword,
        displayName: input.displayName,
      });
      userId = account.userId;
      // The registration's own session is not the agent's: log it out (it has no device keys).
      await fetch(`${env().SYNAPSE_URL}/_matrix/client/v3/logout`, { method: "POST", headers: { authorization: `Bearer ${account.accessToken}` } }).catch(
        () => {},
      );
    } catch (err) {
      if (/M_USER_IN_USE/.test((err as Error).message)) throw new Refusal(409, `The username ${input.username} is taken`);
      throw err;
    }
  }
  const inserted = await db()
    .insert(schema.agents)
    .values({ userId, displayName: input.displayName, role: input.role, availability: "offline", addedBy: by })
    .onConflictDoNothing()
    .returning();
  if (!inserted.length) throw new Refusal(409, `${userId} is already an agent`);
  if (input.teams.length)
    await db()
      .insert(schema.teamMembers)
      .values(input.teams.map((teamId) => ({ teamId, agentUserId: userId })));
  return { userId, oneTimePassword };
}

/** Creates a team; 409 if the id is taken. */
export async function addTeam(team: { id: string; name: string }): Promise<void> {
  const inserted = await db().insert(schema.teams).values(team).onConflictDoNothing().returning();
  if (!inserted.length) throw new Refusal(409, `A team with id ${team.id} exists`);
}

async function matrixAccountExists(userId: string): Promise<boolean> {
  const res = await fetch(`${env().SYNAPSE_URL}/_matrix/client/v3/profile/${encodeURIComponent(userId)}`);
  return res.ok;
}
