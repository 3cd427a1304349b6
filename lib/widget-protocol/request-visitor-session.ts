import { solveChallenge } from "../proof-of-work/solve-challenge";
import { visitorChallengeSchema, visitorSessionResponseSchema, type VisitorSession } from "./visitor-session-response";

/** Refusal from our API, with its HTTP status and message. */
export class VisitorSessionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A proof of work solved ahead (the chat frame starts it while its code loads: widget/early-work.ts). */
export type EarlyWork = { challenge: string; nonce: string; expiresAt: number };

/** The account the frame page's challenge makes (its user id and homeserver), known before it exists. */
export type EarlyAccount = { userId: string; homeserverUrl: string };

// Refusals of a challenge itself (malformed, expired, wrong, already spent): worth one fresh try.
const CHALLENGE_REFUSED = new Set([400, 403, 409]);
// Early work about to expire is not sent: a fresh challenge is cheaper than a refused request.
const EARLY_WORK_MARGIN_MS = 15_000;

/**
 * Asks our API for a new visitor account, as the chat iframe does (and the
 * Node visitors of tests and benches): fetch a proof-of-work challenge, solve
 * it, then `POST /api/visitor/session`. `appUrl` is "" in the iframe (same
 * origin); Node callers pass the app URL and the `origin` header the browser
 * would send.
 */
export async function requestVisitorSession(opts: {
  appUrl: string;
  siteId: string;
  hostOrigin: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Solves the proof of work; default {@link solveChallenge} on this thread (the iframe passes a Web Worker's). */
  solve?: (challenge: string, bits: number, signal?: AbortSignal) => Promise<string>;
  /** A proof of work already under way (null: none could be done). */
  work?: Promise<EarlyWork | null>;
  /** The device id the caller chose (its crypto store opened meanwhile); else the homeserver chooses. */
  deviceId?: string;
}): Promise<VisitorSession> {
  const answer = async (res: Response): Promise<unknown> => {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new VisitorSessionError(res.status, body.error ?? `The chat service answered HTTP ${res.status}`);
    return body;
  };
  const session = async (challenge: string, nonce: string): Promise<VisitorSession> => {
    const res = await fetch(`${opts.appUrl}/api/visitor/session`, {
      method: "POST",
      headers: { ...opts.headers, "content-type": "application/json" },
      body: JSON.stringify({ siteId: opts.siteId, hostOrigin: opts.hostOrigin, challenge, nonce, deviceId: opts.deviceId }),
      signal: opts.signal,
    });
    return visitorSessionResponseSchema.parse(await answer(res));
  };
  const early = await opts.work?.catch(() => null);
  if (early && early.expiresAt - Date.now() > EARLY_WORK_MARGIN_MS) {
    try {
      return await session(early.challenge, early.nonce);
    } catch (err) {
      if (!(err instanceof VisitorSessionError && CHALLENGE_REFUSED.has(err.status))) throw err;
    }
  }
  const c = visitorChallengeSchema.parse(
    await answer(await fetch(`${opts.appUrl}/api/visitor/challenge?site=${encodeURIComponent(opts.siteId)}`, { signal: opts.signal, cache: "no-store" })),
  );
  return session(c.challenge, await (opts.solve ?? solveChallenge)(c.challenge, c.bits, opts.signal));
}
