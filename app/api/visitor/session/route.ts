import { NextResponse, type NextRequest } from "next/server";
import { visitorSessionRequestSchema } from "../../../../lib/widget-protocol/visitor-session";
import { clientAddress } from "../../../../lib/net/client-address";
import { env } from "../../../_server/env";
import { PEER_ADDRESS_HEADER } from "../../../_server/request-hooks";
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
    const ip = clientAddress({ trustedProxy: env().TRUSTED_PROXY, forwardedFor: request.headers.get("x-forwarded-for"), peer: request.headers.get(PEER_ADDRESS_HEADER) });
    const session = await provisionVisitor(parsed.data, ip);
    return NextResponse.json(session, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof ProvisionRefused) {
      const headers: Record<string, string> = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {};
      return NextResponse.json({ error: err.message }, { status: err.status, headers });
    }
    throw err;
  }
}
