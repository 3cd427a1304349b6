import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got: the exact body bytes (what the signature covers) and the headers. */
export type Received = { path: string; headers: IncomingHttpHeaders; body: string; status: number };

/**
 * A real HTTP receiver on 127.0.0.1, as a customer's integration would run
 * one: records every request and answers 200, except a 500 to the first
 * request at a path whose body contains a given string (`failFirst`).
 */
export async function startWebhookReceiver(): Promise<{
  url: string;
  got: Received[];
  failFirst(path: string, bodyContaining: string): void;
  stop(): Promise<void>;
}> {
  const got: Received[] = [];
  const failing = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      const fail = failing.get(path);
      const status = fail !== undefined && body.includes(fail) ? 500 : 200;
      if (status === 500) failing.delete(path);
      got.push({ path, headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    failFirst: (path, bodyContaining) => failing.set(path, bodyContaining),
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
