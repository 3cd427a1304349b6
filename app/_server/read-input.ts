import "server-only";
import type { z } from "zod";
import { Refusal } from "./refusal";

const MAX_BODY = 16 * 1024;

/** A 400 that names each invalid field ("body" for the body as a whole). */
export function invalidInput(error: z.ZodError): Refusal {
  return new Refusal(400, error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; "));
}

/**
 * A small JSON body parsed by `schema`, or a Refusal: 415 (not JSON), 413 (too
 * large), 400 (broken JSON or invalid fields). With `optional`, a request
 * without a content type counts as an empty object.
 */
export async function readBody<S extends z.ZodType>(request: Request, schema: S, optional = false): Promise<z.infer<S>> {
  const type = request.headers.get("content-type");
  if (optional && !type) return parse(schema, {});
  if (!(type ?? "").startsWith("application/json")) throw new Refusal(415, "Send a JSON body (content-type: application/json)");
  const text = await request.text();
  if (text.length > MAX_BODY) throw new Refusal(413, "Request body too large");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Refusal(400, "Request body is not valid JSON");
  }
  return parse(schema, value);
}

/** The query string parsed by `schema` (empty values count as absent), or a 400. */
export function readQuery<S extends z.ZodType>(params: URLSearchParams, schema: S): z.infer<S> {
  return parse(schema, Object.fromEntries([...params].filter(([, v]) => v !== "")));
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}
