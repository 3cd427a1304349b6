import { NextResponse } from "next/server";
import { listQueue } from "../../../_server/conversation-lists";
import { currentAgent } from "../../../_server/current-agent";

/** Conversations waiting for an agent of the caller's teams (Queue view), with their wait. */
export async function GET(): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  return NextResponse.json({ conversations: await listQueue(me.userId) }, { headers: { "cache-control": "no-store" } });
}
