import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AgentAdminError } from "../../../_server/agent-admin";
import { addCannedResponse } from "../../../_server/canned-responses";
import { operatorRequest } from "../../../_server/operator-request";

const bodySchema = z
  .object({
    teamId: z.string().min(1).max(64),
    title: z.string().trim().min(1).max(80),
    body: z.string().trim().min(1).max(4000),
  })
  .strict();

/** Operators: add a canned response to a team. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await operatorRequest(request, bodySchema);
  if (!req.ok) return req.response;
  try {
    return NextResponse.json(await addCannedResponse(req.body), { status: 201 });
  } catch (err) {
    if (err instanceof AgentAdminError) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
