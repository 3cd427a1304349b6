// Bundles the encrypted floor's page (bench/encrypted-floor/page.ts) with esbuild, as widget/build.ts bundles
// the frame, and serves it with the crypto WebAssembly from 127.0.0.1 (a secure context: IndexedDB, WebCrypto).
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The page's origin (index at `${url}/`, the crypto module at `${url}/crypto.wasm`) and a way to stop serving it. */
export type FloorSite = { url: string; stop(): Promise<void> };

/** Serves a floor page: `entry` (a file next to this one: the encrypted floor's `page.ts` by default), bundled. */
export async function serveFloorPage(entry = "page.ts"): Promise<FloorSite> {
  const bundle = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    target: "es2022",
    platform: "browser",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const wasm = await readFile(path.join(path.dirname(require.resolve("@matrix-org/matrix-sdk-crypto-wasm")), "pkg/matrix_sdk_crypto_wasm_bg.wasm"));
  const files: Record<string, [string, Uint8Array | string]> = {
    "/": ["text/html", '<!doctype html><meta charset="utf-8"><title>encrypted floor</title><script type="module" src="/page.js"></script>'],
    "/page.js": ["text/javascript", bundle.outputFiles[0]!.contents],
    "/crypto.wasm": ["application/wasm", wasm],
  };
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    res.writeHead(file ? 200 : 404, { "content-type": file?.[0] ?? "text/plain", "cache-control": "no-store" });
    res.end(file?.[1] ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
