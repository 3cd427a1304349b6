/** A role as the console shows and changes it: a supervisor supervises one team. */
export type AgentRole = { kind: "agent" } | { kind: "operator" } | { kind: "supervisor"; teamId: string };

/** The role of an agents row (`role` column plus the team it supervises). */
export function roleOfRow(row: { role: "agent" | "operator"; supervisesTeamId: string | null }): AgentRole {
  if (row.role === "operator") return { kind: "operator" };
  return row.supervisesTeamId ? { kind: "supervisor", teamId: row.supervisesTeamId } : { kind: "agent" };
}

/** The columns a role is stored in. */
export function rowOfRole(role: AgentRole): { role: "agent" | "operator"; supervisesTeamId: string | null } {
  return role.kind === "supervisor" ? { role: "agent", supervisesTeamId: role.teamId } : { role: role.kind, supervisesTeamId: null };
}

/** A role as one word for the audit: "agent", "operator" or "supervisor:<team id>". */
export function roleLabel(role: AgentRole): string {
  return role.kind === "supervisor" ? `supervisor:${role.teamId}` : role.kind;
}

/** A role in words for the roster review: a supervisor reads their team's open conversations as a declared reader. */
export function roleDescription(role: AgentRole): string {
  return role.kind === "supervisor" ? `supervisor of ${role.teamId} (declared reader of its conversations)` : role.kind;
}

/**
 * Why a role change is refused, or null when it may go ahead: unknown or
 * offboarded agents, unknown teams, no change, and taking the operator role
 * from the last operator (oneself included). Pure.
 */
export function roleChangeRefusal(input: {
  current: AgentRole | null;
  offboarded: boolean;
  next: AgentRole;
  teamExists: boolean;
  /** Operators not offboarded. */
  operators: number;
}): { status: number; message: string } | null {
  const { current, next } = input;
  if (!current) return { status: 404, message: "No such agent" };
  if (input.offboarded) return { status: 409, message: "This agent was offboarded" };
  if (next.kind === "supervisor" && !input.teamExists) return { status: 400, message: `No such team: ${next.teamId}` };
  if (roleLabel(current) === roleLabel(next)) return { status: 409, message: `Already ${roleLabel(next)}` };
  if (current.kind === "operator" && input.operators <= 1) return { status: 409, message: "This is the last operator: make someone else an operator first" };
  return null;
}
