/** Attempts in all (the first and the retries) before a delivery is given up: about a day and a half. */
export const MAX_ATTEMPTS = 12;

const FIRST_RETRY_MS = 5_000;
const FACTOR = 4;
const MAX_DELAY_MS = 6 * 3_600_000;

/**
 * How long (ms) to wait after failed attempt number `attempt` (1 = the first
 * send) before the next one, or null to give up: 5 s, 20 s, 80 s, 5 min,
 * 21 min, 85 min, 5.7 h, then every 6 h. `random` (0..1, injected for tests) spreads
 * retries ±10% so a receiver that comes back is not hit by all at once.
 */
export function nextRetryDelay(attempt: number, random: number = Math.random()): number | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= MAX_ATTEMPTS) return null;
  const base = Math.min(FIRST_RETRY_MS * FACTOR ** (attempt - 1), MAX_DELAY_MS);
  return Math.round(base * (0.9 + 0.2 * random));
}

/** Whether a receiver's answer counts as delivered: any 2xx (a redirect is not followed, so it fails). */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
