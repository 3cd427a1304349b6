import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { roomIdSchema } from "../../../../lib/conversation/event-types";
import { startConversation, StartRefused } from "../../../_server/start-conversation";

// Optional: the room the visitor prepared when the chat opened (the ticket is then bound to it).
const bodySchema = z.strictObject({ room_id: z.optional(roomIdSchema) });

// The chat frame asks here, with the visitor's Matrix token, who its next conversation goes to.
export async function POST(request: NextRequest): Promise<NextResponse> {
  const auth = request.headers.get("authorization") ?? "";
  const token = /^Bearer (\S+)$/.exec(auth)?.[1];
  if (!token) return NextResponse.json({ error: "Send the visitor's access token as 'Authorization: Bearer <token>'" }, { status: 401 });
  const text = await request.text();
  let raw: unknown;
  try {
    raw = text.trim() ? JSON.parse(text) : {};
  } catch {
    return NextResponse.json({ error: "The body must be JSON: {} or { \"room_id\": \"!…\" }" }, { status: 400 });
  }
  const body = bodySchema.safeParse(raw);
  if (!body.success) return NextResponse.json({ error: `Invalid body: ${body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}` }, { status: 400 });
  try {
    const started = await startConversation(token, body.data.room_id);
    return NextResponse.json(started, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof StartRefused) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
