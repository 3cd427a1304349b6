import "server-only";
import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { currentAgent } from "./current-agent";
import { db, schema } from "./db";
import { invalidInput, readJson } from "./read-json";

type Agent = NonNullable<Awaited<ReturnType<typeof currentAgent>>>;

/**
 * The signed-in operator, or the 401 (nobody signed in) / 403 (not an
 * operator) response. The role is read from the database on every call, so a
 * demotion takes effect at once, not when the session expires.
 */
export async function requireOperator(): Promise<{ ok: true; me: Agent } | { ok: false; response: NextResponse }> {
  const me = await currentAgent();
  if (!me) return { ok: false, response: NextResponse.json({ error: "Sign in first" }, { status: 401 }) };
  if (!(await isOperator(me.userId))) return { ok: false, response: NextResponse.json({ error: "Only operators can do this" }, { status: 403 }) };
  return { ok: true, me: { ...me, role: "operator" } };
}

/** Whether the user is an operator now, according to our database. */
export async function isOperator(userId: string): Promise<boolean> {
  const [row] = await db().select({ role: schema.agents.role }).from(schema.agents).where(eq(schema.agents.userId, userId));
  return row?.role === "operator";
}

/** An operator's JSON POST: 401/403 first, then the body parsed by `schema` (4xx with a clear message otherwise). */
export async function operatorRequest<S extends z.ZodType>(request: Request, schema: S): Promise<{ ok: true; me: Agent; body: z.infer<S> } | { ok: false; response: NextResponse }> {
  const who = await requireOperator();
  if (!who.ok) return who;
  const json = await readJson(request);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, response: invalidInput(parsed.error) };
  return { ok: true, me: who.me, body: parsed.data };
}
