import type { ApiContract, BodyOf, QueryOf, ResponseOf } from "../../lib/console-api/api-contract";

/** A non-2xx answer: `message` is the server's own `{ error }` (shown to the user as it is), or "HTTP <status>". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Input<C extends ApiContract> = (C["body"] extends undefined ? { body?: undefined } : { body: BodyOf<C> }) &
  (C["query"] extends undefined ? { query?: undefined } : { query: QueryOf<C> });

function urlOf(path: string, query: unknown): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
  return `${path}?${params}`;
}

async function errorOf(res: Response): Promise<ApiError> {
  const json: unknown = await res.json().catch(() => null);
  const error = json && typeof json === "object" && "error" in json && typeof json.error === "string" ? json.error : null;
  return new ApiError(res.status, error ?? `HTTP ${res.status}`);
}

/**
 * Calls one route of the console's API (never cached by the browser) and
 * parses the answer with the route's response schema: a 2xx that does not fit
 * is an error, never a cast. A non-2xx becomes an {@link ApiError} carrying the
 * server's message; a network failure rejects with the browser's error.
 */
export async function callApi<C extends ApiContract>(
  contract: C,
  ...[input]: C["body"] extends undefined ? (C["query"] extends undefined ? [] : [Input<C>]) : [Input<C>]
): Promise<ResponseOf<C>> {
  const hasBody = input?.body !== undefined;
  const res = await fetch(urlOf(contract.path, input?.query), {
    method: contract.method,
    cache: "no-store",
    headers: hasBody ? { "content-type": "application/json" } : undefined,
    body: hasBody ? JSON.stringify(input.body) : undefined,
  });
  if (!res.ok) throw await errorOf(res);
  const parsed = contract.response.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(res.status, `Unexpected answer from ${contract.path}`);
  return parsed.data as ResponseOf<C>;
}
