import { NextResponse, type NextRequest } from "next/server";
import { startConversation, StartRefused } from "../../../_server/start-conversation";

// The chat frame asks here, with the visitor's Matrix token, who its next conversation goes to.
export async function POST(request: NextRequest): Promise<NextResponse> {
  const auth = request.headers.get("authorization") ?? "";
  const token = /^Bearer (\S+)$/.exec(auth)?.[1];
  if (!token) return NextResponse.json({ error: "Send the visitor's access token as 'Authorization: Bearer <token>'" }, { status: 401 });
  try {
    const started = await startConversation(token);
    return NextResponse.json(started, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof StartRefused) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
