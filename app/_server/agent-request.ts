import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { currentAgent } from "./current-agent";
import { invalidInput, readJson } from "./read-json";

type Agent = NonNullable<Awaited<ReturnType<typeof currentAgent>>>;

/**
 * The common start of an agent's JSON POST: who is calling (401 if nobody),
 * then the body parsed by `schema` (4xx with a clear message otherwise).
 */
export async function agentRequest<S extends z.ZodType>(request: Request, schema: S): Promise<{ ok: true; me: Agent; body: z.infer<S> } | { ok: false; response: NextResponse }> {
  const me = await currentAgent();
  if (!me) return { ok: false, response: NextResponse.json({ error: "Sign in first" }, { status: 401 }) };
  const json = await readJson(request);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, response: invalidInput(parsed.error) };
  return { ok: true, me, body: parsed.data };
}
