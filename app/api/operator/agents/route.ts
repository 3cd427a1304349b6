import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AgentAdminError, addAgent, agentsAndTeams } from "../../../_server/agent-admin";
import { operatorRequest, requireOperator } from "../../../_server/operator-request";

const common = {
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(["agent", "operator"]).default("agent"),
  teams: z.array(z.string().min(1).max(64)).max(20).default([]),
};
const bodySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("new"), username: z.string().regex(/^[a-z0-9._=-]{1,64}$/, "lowercase letters, digits and . _ = - only"), ...common }).strict(),
  z.object({ kind: z.literal("existing"), userId: z.string().regex(/^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/, "a Matrix user id such as @alice:example.org"), ...common }).strict(),
]);

/** Operators: every agent with role and teams. */
export async function GET(): Promise<NextResponse> {
  const who = await requireOperator();
  if (!who.ok) return who.response;
  return NextResponse.json(await agentsAndTeams());
}

/** Operators: add an agent (new Matrix account with a one-time password, or an existing account). */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await operatorRequest(request, bodySchema);
  if (!req.ok) return req.response;
  try {
    return NextResponse.json(await addAgent(req.body, req.me.userId), { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof AgentAdminError) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
