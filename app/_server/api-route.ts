import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { authorize, type Access, type Caller } from "./authorize";
import { env } from "./env";
import { readBody, readQuery } from "./read-input";
import { Refusal } from "./refusal";

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** What a handler gets: the caller, the body and query already parsed, and what the route's `read` read. */
export type RouteInput<A extends Access, B, Q, D = undefined> = {
  request: NextRequest;
  caller: Caller<A>;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Record<string, string>;
  read: D;
};

// What the handler must answer: anything the answer schema accepts (or a Response), else anything.
type Answer<R> = R extends z.ZodType ? z.input<R> | Response : unknown;

type RouteOptions<A extends Access, B, Q, R, D> = {
  access: A;
  /**
   * A read that needs nothing of the caller or the request (no input, no side effects), started
   * beside the database's check of a signed-in caller (once their session cookie verified) instead
   * of after it: one round trip to the database instead of two. The handler gets its result only
   * once the caller is authorized; a refused caller's read is dropped unseen.
   */
  read?: () => Promise<D>;
  /** JSON body schema; `optionalBody` lets a request without a content type stand for `{}`. */
  body?: B;
  optionalBody?: boolean;
  query?: Q;
  /** Status of a successful JSON answer (201 for a creation). */
  status?: number;
  /**
   * The schema the console parses this answer with (lib/console-api): only
   * checked at compile time, so the handler cannot answer what the client refuses.
   */
  answer?: R;
};

const NO_STORE = { "cache-control": "no-store" };

// Server-Timing of an answer, with SERVER_TIMING: where the server's time went (the bench reads it from the browser's resource timings).
const timing = (auth: number, handler: number): string => `auth;dur=${auth.toFixed(1)}, handler;dur=${handler.toFixed(1)}`;

/**
 * The one shape of an API route: authorize (`access`), parse the body and
 * query with zod, call the handler (one service), answer its result as JSON
 * (no-store; with SERVER_TIMING, a Server-Timing of the authorization and the handler)
 * unless it is already a Response. A `Refusal` becomes
 * `{ error }` with its status; anything else is logged and becomes a 500
 * with a generic message (no internals reach the caller).
 */
export function apiRoute<
  A extends Access,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
  D = undefined,
>(
  options: RouteOptions<A, B, Q, R, D>,
  handler: (input: RouteInput<A, B, Q, D>) => Promise<Answer<R>>,
): (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const start = performance.now();
      let reading: Promise<D> | undefined;
      const startRead = (): void => {
        reading = options.read?.();
        reading?.catch(() => {}); // awaited below only if authorized; a refused caller's failed read is nobody's error
      };
      const caller = await authorize(options.access, request, startRead);
      const authorized = performance.now();
      if (!reading) startRead();
      const body = (options.body ? await readBody(request, options.body, options.optionalBody) : undefined) as Parsed<B>;
      const query = (options.query ? readQuery(request.nextUrl.searchParams, options.query) : undefined) as Parsed<Q>;
      const params = (await context?.params) ?? {};
      const read = (await reading) as D;
      const result = await handler({ request, caller, body, query, params, read });
      if (result instanceof Response) return result;
      const headers = env().SERVER_TIMING ? { ...NO_STORE, "server-timing": timing(authorized - start, performance.now() - authorized) } : NO_STORE;
      return NextResponse.json(result, { status: options.status ?? 200, headers });
    } catch (err) {
      return failure(err, request);
    }
  };
}

function failure(err: unknown, request: NextRequest): Response {
  if (err instanceof Refusal) {
    const body = err.code ? { error: err.message, code: err.code } : { error: err.message };
    return NextResponse.json(body, { status: err.status, headers: { ...NO_STORE, ...err.headers } });
  }
  // The caller went away mid-request (a tab closing while its body was sent): nobody reads the answer, nothing to log.
  if (request.signal.aborted || (err instanceof Error && err.message === "aborted"))
    return NextResponse.json({ error: "The request was aborted" }, { status: 400, headers: NO_STORE });
  console.error(`${request.method} ${request.nextUrl.pathname} failed:`, err);
  return NextResponse.json({ error: "Something went wrong on our side; please try again" }, { status: 500, headers: NO_STORE });
}
