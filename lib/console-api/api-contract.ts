import type { z } from "zod";

/** HTTP methods the console's API uses. */
export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH";

/**
 * One route of the console's API, as both sides see it: where it is, the
 * request body or query it takes (the server parses with these same schemas)
 * and the answer it gives (the console parses every answer with `response`).
 */
export type ApiContract<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType = z.ZodType,
> = {
  method: ApiMethod;
  path: string;
  body: Body;
  query: Query;
  response: Response;
};

/** Defines a route's contract; `body` and `query` default to none. */
export function apiContract<Response extends z.ZodType, Body extends z.ZodType | undefined = undefined, Query extends z.ZodType | undefined = undefined>(c: {
  method: ApiMethod;
  path: string;
  body?: Body;
  query?: Query;
  response: Response;
}): ApiContract<Body, Query, Response> {
  return { method: c.method, path: c.path, body: c.body as Body, query: c.query as Query, response: c.response };
}

/** What the caller sends as body (before the server's defaults and trimming). */
export type BodyOf<C extends ApiContract> = C["body"] extends z.ZodType ? z.input<C["body"]> : undefined;
/** What the caller sends as query. */
export type QueryOf<C extends ApiContract> = C["query"] extends z.ZodType ? z.input<C["query"]> : undefined;
/** The parsed answer. */
export type ResponseOf<C extends ApiContract> = z.output<C["response"]>;
