import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One POST the stand-in push service got: the exact body bytes and the headers. */
export type ReceivedPush = { path: string; headers: IncomingHttpHeaders; body: Buffer };

/**
 * A real HTTP server on 127.0.0.1 standing in for a browser's push service
 * (FCM, Mozilla's autopush: unreachable here): the router's web-push request
 * lands here exactly as it would there. Answers 201 Created, as they do, and
 * 410 Gone for the path `/gone` (a subscription the push service has dropped).
 */
export async function startPushReceiver(): Promise<{ url: string; got: ReceivedPush[]; stop(): Promise<void> }> {
  const got: ReceivedPush[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.url === "/gone" ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, got, stop: () => new Promise((r) => server.close(() => r())) };
}
