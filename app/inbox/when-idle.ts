/**
 * Runs `fn` when the browser is next idle, at most `timeoutMs` later (work the
 * user is not waiting for, after a draw they are). A short timer where there is
 * no `requestIdleCallback` (Safari).
 */
export function whenIdle(fn: () => void, timeoutMs = 1_000): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(() => fn(), { timeout: timeoutMs });
  else setTimeout(fn, 50);
}
