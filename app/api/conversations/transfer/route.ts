import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { actionResponse } from "../../../_server/conversation-action";
import { transferAsAgent } from "../../../_server/conversations";
import { currentAgent } from "../../../_server/current-agent";
import { invalidInput, readJson } from "../../../_server/read-json";

const bodySchema = z.object({
  roomId: roomIdSchema,
  to: z.union([z.object({ agentUserId: z.string().regex(/^@[^:]+:.+$/) }).strict(), z.object({ teamId: z.string().min(1).max(64) }).strict()]),
});

/** Hands a conversation to another agent (who must accept) or back to a team's queue. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) return invalidInput(parsed.error);
  return actionResponse(await transferAsAgent(me, parsed.data.roomId, parsed.data.to));
}
