import { NextResponse, type NextRequest } from "next/server";
import { visitorSessionRequestSchema } from "../../../../lib/widget-protocol/visitor-session";
import { env } from "../../../_server/env";
import { provisionVisitor, ProvisionRefused } from "../../../_server/provision-visitor";
import { invalidInput, readJson } from "../../../_server/read-json";

// Called only by our own chat iframe: the browser's Origin header must be ours.
export async function POST(request: NextRequest): Promise<NextResponse> {
  if (request.headers.get("origin") !== new URL(env().NEXTAUTH_URL).origin) {
    return NextResponse.json({ error: "Visitor sessions are created by the chat frame only" }, { status: 403 });
  }
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = visitorSessionRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return invalidInput(parsed.error);
  }
  try {
    const session = await provisionVisitor(parsed.data);
    return NextResponse.json(session, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof ProvisionRefused) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
