import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { actionResponse } from "../../../_server/conversation-action";
import { closeAsAgent } from "../../../_server/conversations";
import { currentAgent } from "../../../_server/current-agent";
import { invalidInput, readJson } from "../../../_server/read-json";

const bodySchema = z.object({ roomId: roomIdSchema });

/** Ends a conversation; the router publishes it, and the visitor's widget shows it. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) return invalidInput(parsed.error);
  return actionResponse(await closeAsAgent(me, parsed.data.roomId));
}
