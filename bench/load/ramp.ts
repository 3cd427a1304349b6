// The ramp's decisions: which live-conversation levels to hold, whether a level passed, where the knee is.
import { percentile } from "../stats";

/** Levels of live conversations: stepSize, 2·stepSize, … up to maxLive (which is always the last). */
export function rampTargets(stepSize: number, maxLive: number): number[] {
  if (!(stepSize > 0) || !(maxLive > 0)) throw new Error("stepSize and maxLive must be positive");
  const out: number[] = [];
  for (let t = stepSize; t < maxLive; t += stepSize) out.push(t);
  out.push(maxLive);
  return out;
}

export type StepVerdict = { p50: number; p95: number; p99: number; n: number; pass: boolean };

/** p50/p95/p99 of a level's message latencies; it passes when p95 <= budget, with at least one message. */
export function judgeStep(latencies: readonly number[], budgetMs: number): StepVerdict {
  const s = [...latencies].sort((a, b) => a - b);
  const p95 = percentile(s, 95);
  return { p50: percentile(s, 50), p95, p99: percentile(s, 99), n: s.length, pass: s.length > 0 && p95 <= budgetMs };
}

/**
 * The knee: the highest level held within budget before the first level that failed
 * (0 when the first failed). `passedPast` is false when the ramp stopped (maxLive, time
 * cap) before any level failed: then the knee is only a lower bound.
 */
export function kneeOf(steps: readonly { live: number; pass: boolean }[]): { knee: number; passedPast: boolean } {
  let knee = 0;
  for (const s of steps) {
    if (!s.pass) return { knee, passedPast: true };
    knee = s.live;
  }
  return { knee, passedPast: false };
}

/** Whether to go on to the next level: the last passed, there is one, and time remains for it. */
export function shouldContinue(last: { pass: boolean }, nextTarget: number | undefined, msLeft: number, msNeeded: number): boolean {
  return last.pass && nextTarget !== undefined && msLeft >= msNeeded;
}

/** The time (ms) a level needs: arrivals of the new conversations at `ratePerS`, then the hold. */
export function levelMs(from: number, to: number, ratePerS: number, holdMs: number): number {
  return (Math.max(0, to - from) / ratePerS) * 1000 + holdMs;
}
