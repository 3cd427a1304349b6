import { z } from "zod";
import { apiRoute } from "../../../_server/api-route";
import { unsubscribe } from "../../../_server/visitor-contact";

const querySchema = z.object({ token: z.string().min(1).max(600) });

const page = (status: number, message: string): Response =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Reply emails</title></head><body><main><p role="status">${message}</p></main></body></html>`,
    {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "default-src 'none'" },
    },
  );

async function handle(token: string): Promise<Response> {
  return (await unsubscribe(token))
    ? page(200, "Done: you will get no more reply emails, and we no longer keep your email address.")
    : page(400, "This unsubscribe link is not valid. Copy the whole link from the email.");
}

// The email's unsubscribe link: one click, no login; the signed token names the visitor.
export const GET = apiRoute({ access: "public", query: querySchema }, ({ query }) => handle(query.token));

// RFC 8058 one-click unsubscribe (List-Unsubscribe-Post) from mail clients.
export const POST = apiRoute({ access: "public", query: querySchema }, ({ query }) => handle(query.token));
