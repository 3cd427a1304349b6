import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { operatorRequest } from "../../../_server/operator-request";
import { OrgTrustError, publishRoster } from "../../../_server/org-trust";

// The roster itself is checked (shape and signature) by publishRoster against the registered key.
const bodySchema = z.object({ roster: z.unknown() }).strict();

/** Operators: publish a roster signed in the browser with the organisation key. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await operatorRequest(request, bodySchema);
  if (!req.ok) return req.response;
  try {
    const roster = await publishRoster(req.body.roster, req.me.userId);
    return NextResponse.json({ version: roster.version }, { status: 201 });
  } catch (err) {
    if (err instanceof OrgTrustError) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
