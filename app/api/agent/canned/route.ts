import { NextResponse } from "next/server";
import { cannedResponsesFor } from "../../../_server/canned-responses";
import { currentAgent } from "../../../_server/current-agent";

/** The signed-in agent's canned responses (those of their teams). */
export async function GET(): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  return NextResponse.json({ responses: await cannedResponsesFor(me.userId) });
}
