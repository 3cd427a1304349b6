import { NextResponse } from "next/server";
import { listMyConversations } from "../../../_server/conversations";
import { currentAgent } from "../../../_server/current-agent";

/** The signed-in agent's open conversations: the console joins the ones it is invited to. */
export async function GET(): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  return NextResponse.json({ conversations: await listMyConversations(me) }, { headers: { "cache-control": "no-store" } });
}
