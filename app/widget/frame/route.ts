import { eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { db, schema } from "../../_server/db";
import { env } from "../../_server/env";

const SITE_ID = /^[a-z0-9-]{1,64}$/;

// The chat iframe's page. Served by a route (not a static file) so that its
// Content-Security-Policy names exactly the site's allowed embedding origins.
export async function GET(request: NextRequest): Promise<NextResponse> {
  const siteId = request.nextUrl.searchParams.get("site") ?? "";
  if (!SITE_ID.test(siteId)) return new NextResponse("Missing or malformed site id", { status: 400 });
  const [site] = await db().select().from(schema.sites).where(eq(schema.sites.id, siteId));
  if (!site) return new NextResponse("Unknown site", { status: 404 });
  const synapse = new URL(env().SYNAPSE_PUBLIC_URL).origin;
  const csp = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${synapse}`,
    `img-src 'self' blob: data: ${synapse}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${site.allowedOrigins.length ? site.allowedOrigins.join(" ") : "'none'"}`,
  ].join("; ");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Support chat</title><link rel="stylesheet" href="/widget/frame.css">
</head><body><main id="app" aria-busy="true"><p class="status">Loading chat…</p></main>
<script type="module" src="/widget/frame.js"></script></body></html>`;
  return new NextResponse(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": csp,
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
}
