import { NextResponse, type NextRequest } from "next/server";
import { env, replyEmailSettings } from "../../_server/env";
import { siteStatus } from "../../_server/site-status";
import { siteForFrame } from "../../_server/sites";
import { announcedVisitorId, issueChallenge } from "../../_server/visitor-challenge";
import { statusAttributes } from "../../../lib/widget-protocol/widget-status";
import { widgetManifest } from "../../_server/widget-assets";
import { pickWidgetLanguage } from "../../../lib/widget-i18n/languages";

const SITE_ID = /^[a-z0-9-]{1,64}$/;

// Reply emails offered: the widget pings its presence three times per TTL (an open widget gets no email).
const emailPing = (s: { presenceTtlSeconds: number } | null): string => (s ? ` data-email-ping="${Math.max(2, Math.floor(s.presenceTtlSeconds / 3))}"` : "");

const attr = (v: string): string => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The chat iframe's page. Served by a route (not a static file) so that its
// Content-Security-Policy names exactly the site's allowed embedding origins,
// and so that it carries the site's public settings (no extra request).
export async function GET(request: NextRequest): Promise<NextResponse> {
  const siteId = request.nextUrl.searchParams.get("site") ?? "";
  if (!SITE_ID.test(siteId)) return new NextResponse("Missing or malformed site id", { status: 400 });
  const site = await siteForFrame(siteId);
  if (!site) return new NextResponse("Unknown site", { status: 404 });
  const synapse = new URL(env().SYNAPSE_PUBLIC_URL).origin;
  const csp = [
    "default-src 'none'",
    // No inline script, no eval: only our own files, and compiling our WebAssembly.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${synapse}`,
    `img-src 'self' blob: data: ${synapse}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${site.allowedOrigins.length ? site.allowedOrigins.join(" ") : "'none'"}`,
  ].join("; ");
  // What the page carries besides the site, worked out at once (this page is on the visitor's first-message path):
  // the team's status (disclosed metadata, unless the site hides it; computed per load, as the page is not cached;
  // a failure to work it out hides the status, the chat itself still opens), and a new visitor's proof-of-work
  // challenge, signed (nothing stored), which the page's early-work.js solves while frame.js loads.
  const [manifest, known, pow] = await Promise.all([
    widgetManifest(),
    siteStatus(site).catch((err: unknown) => {
      console.error("widget status failed:", err);
      return null;
    }),
    issueChallenge(site.id),
  ]);
  const wasm = `/widget/wasm/${manifest.wasm}`;
  // The frame's chunks needed at start, fetched with frame.js rather than after it.
  // With the strings of the language it will most likely speak (the embed's data-lang, else the site's).
  const lang = pickWidgetLanguage([request.nextUrl.searchParams.get("lang"), site.language]);
  const preloaded = [...(manifest.startChunks ?? []), ...(manifest.languageChunks?.[lang] ?? [])];
  const chunkPreloads = preloaded.map((c) => `<link rel="modulepreload" href="/widget/${attr(c)}">`).join("");
  const status = Object.entries(statusAttributes(known))
    .map(([name, value]) => ` ${name}="${attr(value)}"`)
    .join("");
  // With the challenge, the user id it makes and the homeserver: the widget opens the new device's crypto store meanwhile.
  const userId = announcedVisitorId(pow.challenge);
  const early = userId ? ` data-pow-user="${attr(userId)}" data-homeserver="${attr(env().SYNAPSE_PUBLIC_URL)}"` : "";
  const powAttrs = ` data-pow-challenge="${attr(pow.challenge)}" data-pow-bits="${pow.bits}" data-pow-expires="${pow.expiresAt}"${early}`;
  // early-work.js comes first (its challenge on its own tag): on HTTP/1.1 the browser fetches at most six files
  // of a host at once, and the proof of work must not queue behind the frame's code. The WebAssembly (the
  // biggest download) starts in parallel with the script.
  const html = `<!doctype html>
<html lang="${attr(site.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<script src="/widget/early-work.js"${powAttrs}></script>
<title>Support chat</title><link rel="stylesheet" href="/widget/frame.css">
<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>
<link rel="modulepreload" href="/widget/frame.js">${chunkPreloads}
</head><body><main id="app" aria-busy="true" data-wasm="${wasm}" data-site-name="${attr(site.name)}" data-colour="${attr(site.colour)}" data-greeting="${attr(site.greeting)}" data-language="${attr(site.language)}"${site.prechat ? ' data-prechat="1"' : ""}${emailPing(replyEmailSettings())}${status}><p class="status">Loading chat…</p></main>
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
