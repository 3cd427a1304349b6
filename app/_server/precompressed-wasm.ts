import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pickEncoding } from "../../lib/net/pick-encoding";

const URL_PATH = /^\/widget\/wasm\/(crypto\.[0-9a-f]{16}\.wasm)$/;
const dir = path.join(process.cwd(), "public/widget");

/**
 * Serves the crypto WebAssembly (~4.7 MB raw) pre-compressed by the build
 * (brotli or gzip, by Accept-Encoding), under its content-hashed name, cached
 * for a year. It is answered at the Node http layer because Next.js route
 * handlers drop a response's Content-Encoding (next/dist/server/send-response.js)
 * and would compress it again on every request. Returns false for any other URL.
 */
export function servePrecompressedWasm(req: IncomingMessage, res: ServerResponse): boolean {
  const [urlPath = ""] = (req.url ?? "").split("?");
  const name = URL_PATH.exec(urlPath)?.[1];
  if (!name || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const encoding = pickEncoding(String(req.headers["accept-encoding"] ?? ""), ["br", "gzip"]);
  const file = path.join(dir, encoding === "br" ? `${name}.br` : encoding === "gzip" ? `${name}.gz` : name);
  stat(file).then(
    (s) => {
      res.writeHead(200, {
        "content-type": "application/wasm",
        "content-length": s.size,
        "cache-control": "public, max-age=31536000, immutable",
        vary: "accept-encoding",
        "x-content-type-options": "nosniff",
        ...(encoding ? { "content-encoding": encoding } : {}),
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    },
    () => res.writeHead(404, { "content-type": "text/plain" }).end("Not found"),
  );
  return true;
}
