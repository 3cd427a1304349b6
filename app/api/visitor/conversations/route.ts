import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { invalidInput, readJson } from "../../../_server/read-json";
import { startConversation, StartRefused } from "../../../_server/start-conversation";

// Optional: the room the visitor prepared when the chat opened (the ticket is then bound to it).
const bodySchema = z.strictObject({ room_id: z.optional(roomIdSchema) });

// The chat frame asks here, with the visitor's Matrix token, who its next conversation goes to.
export async function POST(request: NextRequest): Promise<NextResponse> {
  const auth = request.headers.get("authorization") ?? "";
  const token = /^Bearer (\S+)$/.exec(auth)?.[1];
  if (!token) return NextResponse.json({ error: "Send the visitor's access token as 'Authorization: Bearer <token>'" }, { status: 401 });
  // No content type: no body (a conversation not bound to a prepared room).
  const json = request.headers.get("content-type") ? await readJson(request) : { ok: true as const, value: {} };
  if (!json.ok) return json.response;
  const body = bodySchema.safeParse(json.value);
  if (!body.success) return invalidInput(body.error);
  try {
    const started = await startConversation(token, body.data.room_id);
    return NextResponse.json(started, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof StartRefused) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
