/** Percentile by nearest rank over a sample (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  // The index is clamped to 0..length-1 and length > 0 (checked above): in range.
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** One line of figures for a latency sample. */
export function summarise(name: string, samples: readonly number[]): string {
  if (samples.length === 0) return `${name}: no samples`;
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const f = (n: number): string => `${n.toFixed(0)} ms`;
  return `${name}: n=${s.length} p50=${f(percentile(s, 50))} p95=${f(percentile(s, 95))} mean=${f(mean)} min=${f(percentile(s, 0))} max=${f(percentile(s, 100))}`;
}

/**
 * A reply's pause (`BENCH_REPLY_MS`): how long after the other side's message was shown the next one is sent, in
 * the latency bench and its floors alike. 0 sends back to back, so the next message meets the receipt of the one
 * before on its way (what sessions 9-13 measured); a person's quickest reply takes about a second.
 */
export function replyPause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
