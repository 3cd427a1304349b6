import { eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { currentAgent } from "../../../_server/current-agent";
import { db, schema } from "../../../_server/db";
import { agentRequest } from "../../../_server/agent-request";

const bodySchema = z
  .object({
    availability: z.enum(["available", "away", "offline"]).optional(),
    /** How many conversations the agent takes at once. */
    maxConcurrent: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .refine((b) => b.availability !== undefined || b.maxConcurrent !== undefined, "send availability or maxConcurrent");

/** The signed-in agent's own availability and capacity. */
export async function GET(): Promise<NextResponse> {
  const me = await currentAgent();
  if (!me) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const [row] = await db().select().from(schema.agents).where(eq(schema.agents.userId, me.userId));
  return NextResponse.json({ availability: row?.availability ?? "offline", maxConcurrent: row?.maxConcurrent ?? 5 });
}

/** Sets the signed-in agent's availability and/or capacity; the router only assigns to "available" agents under capacity. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await agentRequest(request, bodySchema);
  if (!req.ok) return req.response;
  const [row] = await db().update(schema.agents).set(req.body).where(eq(schema.agents.userId, req.me.userId)).returning();
  return NextResponse.json({ availability: row.availability, maxConcurrent: row.maxConcurrent });
}
