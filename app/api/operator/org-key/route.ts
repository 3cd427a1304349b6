import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { operatorRequest } from "../../../_server/operator-request";
import { OrgTrustError, registerOrgKey } from "../../../_server/org-trust";
import { orgKeySchema } from "../../../../lib/roster/roster";

const bodySchema = z.object({ orgKey: orgKeySchema }).strict();

/** Operators: register the organisation's public signing key (created in the browser; the private part never comes here). */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const req = await operatorRequest(request, bodySchema);
  if (!req.ok) return req.response;
  try {
    await registerOrgKey(req.body.orgKey, req.me.userId);
    return NextResponse.json({ orgKey: req.body.orgKey }, { status: 201 });
  } catch (err) {
    if (err instanceof OrgTrustError) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
