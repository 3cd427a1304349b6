import { NextResponse } from "next/server";
import { transferTargets } from "../../_server/conversations";
import { currentAgent } from "../../_server/current-agent";

/** Agents and teams, for the transfer menu. */
export async function GET(): Promise<NextResponse> {
  if (!(await currentAgent())) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  return NextResponse.json(await transferTargets());
}
