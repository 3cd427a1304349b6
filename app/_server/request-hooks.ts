import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { servePrecompressedWasm } from "./precompressed-wasm";

/** Request header that carries the TCP peer's address to route handlers. */
export const PEER_ADDRESS_HEADER = "x-sealdesk-peer-address";

let installed = false;

/**
 * Route handlers cannot see the TCP connection, and Next.js fills
 * X-Forwarded-For from the socket only when the client did not send one (so a
 * client could pick its own address). This stamps every incoming request with
 * the real peer address, overwriting any header of that name a client sent.
 * It also answers the pre-compressed crypto WebAssembly before Next.js (see
 * precompressed-wasm.ts). Called once from instrumentation.ts, before the
 * server handles requests.
 */
export function installRequestHooks(): void {
  if (installed) return;
  installed = true;
  const proto = http.Server.prototype as unknown as { emit(event: string | symbol, ...args: unknown[]): boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
      if (servePrecompressedWasm(req, args[1] as ServerResponse)) return true;
    }
    return emit.call(this, event, ...args);
  };
}
