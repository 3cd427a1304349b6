import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { agentRequest } from "../../../_server/agent-request";
import { actionResponse } from "../../../_server/conversation-action";
import { transferAsAgent } from "../../../_server/conversations";

const bodySchema = z.object({
  roomId: roomIdSchema,
  to: z.union([z.object({ agentUserId: z.string().regex(/^@[^:]+:.+$/) }).strict(), z.object({ teamId: z.string().min(1).max(64) }).strict()]),
});

/** Hands a conversation to another agent (who must accept) or back to a team's queue. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await agentRequest(request, bodySchema);
  if (!req.ok) return req.response;
  return actionResponse(await transferAsAgent(req.me, req.body.roomId, req.body.to));
}
