import "server-only";

/**
 * The one error a service throws to refuse a request: the HTTP status and a
 * message the caller can act on. `apiRoute` answers it as `{ error: message }`;
 * anything else thrown becomes a logged 500 with a generic message.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers, such as retry-after on a 429. */
    readonly headers: Record<string, string> = {},
    /** A stable reason code (answered as `code`) for callers that act on the reason, not the words. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}
