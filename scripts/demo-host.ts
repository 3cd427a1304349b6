import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const page = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../widget/demo/index.html");

/** Serves the demo customer page (another origin) that embeds the widget with one script tag (with `orgKey`, its snippet carries it). */
export async function startDemoHost(port: number, appUrl: string, orgKey?: string): Promise<{ url: string; stop(): Promise<void> }> {
  const html = (await readFile(page, "utf8")).replaceAll("{{APP_URL}}", appUrl);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://demo");
    if (url.pathname === "/") {
      // ?site=… embeds another site's widget (tests of several sites share this origin).
      // ?color=…&lang=… add the embed's optional attributes.
      const site = url.searchParams.get("site") ?? "demo";
      const color = url.searchParams.get("color") ?? "";
      const lang = url.searchParams.get("lang") ?? "";
      // ?org_key=… adds the organisation key (base64 characters only, so it cannot break out of the attribute).
      // Without it, the dev stack's own key (none in the e2e stack).
      const pageOrgKey = url.searchParams.get("org_key") ?? orgKey ?? "";
      const extra = `${/^#[0-9a-f]{3,6}$/i.test(color) ? ` data-color="${color}"` : ""}${/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang) ? ` data-lang="${lang}"` : ""}${/^ed25519:[A-Za-z0-9+/]{1,64}$/.test(pageOrgKey) ? ` data-org-key="${pageOrgKey}"` : ""}`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html.replace('data-site="demo"', `data-site="${/^[a-z0-9-]{1,64}$/.test(site) ? site : "demo"}"${extra}`));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  // On "localhost" like the app (scripts/stack.ts): the same site as the chat frame, whose storage
  // Chromium (third-party storage blocking) refuses in a cross-site frame.
  return { url: `http://localhost:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
}
