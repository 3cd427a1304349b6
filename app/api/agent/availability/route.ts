import { eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { currentAgent } from "../../../_server/current-agent";
import { db, schema } from "../../../_server/db";
import { invalidInput, readJson } from "../../../_server/read-json";

const bodySchema = z.object({ availability: z.enum(["available", "away", "offline"]) });

/** The signed-in agent's own availability. */
export async function GET(): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const [row] = await db().select().from(schema.agents).where(eq(schema.agents.userId, me.userId));
  return NextResponse.json({ availability: row?.availability ?? "offline" });
}

/** Sets the signed-in agent's availability; the router only assigns to "available". */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) {
    return invalidInput(parsed.error);
  }
  await db().update(schema.agents).set({ availability: parsed.data.availability }).where(eq(schema.agents.userId, me.userId));
  return NextResponse.json({ availability: parsed.data.availability });
}
