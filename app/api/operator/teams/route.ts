import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AgentAdminError, addTeam } from "../../../_server/agent-admin";
import { operatorRequest } from "../../../_server/operator-request";

const bodySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lowercase letters, digits and - only"),
    name: z.string().trim().min(1).max(80),
  })
  .strict();

/** Operators: create a team. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await operatorRequest(request, bodySchema);
  if (!req.ok) return req.response;
  try {
    await addTeam(req.body);
    return NextResponse.json(req.body, { status: 201 });
  } catch (err) {
    if (err instanceof AgentAdminError) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
