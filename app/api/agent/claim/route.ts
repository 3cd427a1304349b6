import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { agentRequest } from "../../../_server/agent-request";
import { actionResponse } from "../../../_server/conversation-action";
import { claimAsAgent } from "../../../_server/conversations";

const bodySchema = z.object({ roomId: roomIdSchema }).strict();

/** The caller takes a queued conversation; the router then publishes them as its reader. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await agentRequest(request, bodySchema);
  if (!req.ok) return req.response;
  return actionResponse(await claimAsAgent(req.me, req.body.roomId));
}
