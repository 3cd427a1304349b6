import "server-only";
import { NextResponse } from "next/server";
import { currentAgent } from "./current-agent";

/** Operators only: 401 without a session, 403 for an agent. */
export async function operatorOnly(): Promise<{ ok: true } | { ok: false; response: NextResponse }> {
  const me = await currentAgent();
  if (!me) return { ok: false, response: NextResponse.json({ error: "Sign in first" }, { status: 401 }) };
  if (me.role !== "operator") return { ok: false, response: NextResponse.json({ error: "Operators only" }, { status: 403 }) };
  return { ok: true };
}
