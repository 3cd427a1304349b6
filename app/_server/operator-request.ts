import "server-only";
import { NextResponse } from "next/server";
import { currentAgent } from "./current-agent";

type Agent = NonNullable<Awaited<ReturnType<typeof currentAgent>>>;

/** The signed-in operator, or the response to send: 401 without a session, 403 for an agent. */
export async function operatorOnly(): Promise<{ ok: true; me: Agent } | { ok: false; response: NextResponse }> {
  const me = await currentAgent();
  if (!me) return { ok: false, response: NextResponse.json({ error: "Sign in first" }, { status: 401 }) };
  if (me.role !== "operator") return { ok: false, response: NextResponse.json({ error: "Only operators can do this" }, { status: 403 }) };
  return { ok: true, me };
}
