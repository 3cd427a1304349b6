import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { agentRequest } from "../../../_server/agent-request";
import { linkNotesRoom, notesRoomOf } from "../../../_server/conversation-notes";
import { currentAgent } from "../../../_server/current-agent";

const ERRORS = {
  "not-found": ["No such conversation", 404],
  forbidden: ["Only the conversation's agents or an operator can do this", 403],
  "not-a-notes-room": ["That room is a conversation with a visitor, not a notes room", 400],
} as const;

function answer(result: Awaited<ReturnType<typeof notesRoomOf>>): NextResponse {
  if (result.ok) return NextResponse.json({ notesRoomId: result.notesRoomId }, { headers: { "cache-control": "no-store" } });
  const [error, status] = ERRORS[result.error];
  return NextResponse.json({ error }, { status });
}

/** Where a conversation's internal notes are (an agents-only encrypted room), or null. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const roomId = roomIdSchema.safeParse(request.nextUrl.searchParams.get("roomId"));
  if (!roomId.success) return NextResponse.json({ error: "roomId: must be a Matrix room id" }, { status: 400 });
  return answer(await notesRoomOf(me, roomId.data));
}

const bodySchema = z.object({ roomId: roomIdSchema, notesRoomId: roomIdSchema }).strict();

/** Links the notes room the caller's console created; answers with the room to use (the first one linked). */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await agentRequest(request, bodySchema);
  if (!req.ok) return req.response;
  return answer(await linkNotesRoom(req.me, req.body.roomId, req.body.notesRoomId));
}
