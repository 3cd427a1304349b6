import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";

const MAX_BODY = 16 * 1024;

/** Reads a small JSON body, or gives the 4xx response to return instead. */
export async function readJson(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
    return { ok: false, response: NextResponse.json({ error: "Send a JSON body (content-type: application/json)" }, { status: 415 }) };
  }
  const text = await request.text();
  if (text.length > MAX_BODY) {
    return { ok: false, response: NextResponse.json({ error: "Request body too large" }, { status: 413 }) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: NextResponse.json({ error: "Request body is not valid JSON" }, { status: 400 }) };
  }
}

/** A 400 response that names each invalid field ("body" for the body as a whole). */
export function invalidInput(error: z.ZodError): NextResponse {
  const message = error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
  return NextResponse.json({ error: message }, { status: 400 });
}
