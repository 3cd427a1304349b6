import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { agentRequest } from "../../../_server/agent-request";
import { actionResponse } from "../../../_server/conversation-action";
import { closeAsAgent } from "../../../_server/conversations";

const bodySchema = z.object({ roomId: roomIdSchema });

/** Ends a conversation; the router publishes it, and the visitor's widget shows it. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await agentRequest(request, bodySchema);
  if (!req.ok) return req.response;
  return actionResponse(await closeAsAgent(req.me, req.body.roomId));
}
