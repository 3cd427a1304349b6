import { eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { db, schema } from "../../../_server/db";
import { issueChallenge } from "../../../_server/visitor-challenge";

const SITE_ID = /^[a-z0-9-]{1,64}$/;

// Public by design: a challenge is worthless until solved, and solving it costs the caller.
export async function GET(request: NextRequest): Promise<NextResponse> {
  const siteId = request.nextUrl.searchParams.get("site") ?? "";
  if (!SITE_ID.test(siteId)) return NextResponse.json({ error: "site must be 1-64 lowercase letters, digits or dashes" }, { status: 400 });
  const [site] = await db().select({ id: schema.sites.id }).from(schema.sites).where(eq(schema.sites.id, siteId));
  if (!site) return NextResponse.json({ error: `Unknown site "${siteId}"` }, { status: 404 });
  return NextResponse.json(await issueChallenge(site.id), { headers: { "cache-control": "no-store" } });
}
