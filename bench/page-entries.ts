// Reading a page's latency marks (lib/perf/latency-marks.ts) and resource timings back into the bench.
import type { Frame, Page } from "@playwright/test";
import type { PageEntries } from "./latency-hops";

/** Marks and resource timings of a page or frame, on the epoch clock every page and Node share. */
export function entriesOf(target: Page | Frame): Promise<PageEntries> {
  return target.evaluate(() => {
    const o = performance.timeOrigin;
    return {
      marks: performance.getEntriesByType("mark").map((e) => ({ name: e.name, at: o + e.startTime, end: o + e.startTime })),
      resources: (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({
        name: e.name,
        at: o + e.startTime,
        end: o + e.responseEnd,
        // Zero when the browser does not expose them (another origin without Timing-Allow-Origin).
        ...(e.requestStart && e.responseStart ? { sent: o + e.requestStart, firstByte: o + e.responseStart } : {}),
        serverTiming: e.serverTiming.map((t) => ({ name: t.name, dur: t.duration })),
      })),
    };
  });
}

/** Keeps every resource timing from now on (the default buffer holds 250, fewer than a run's /sync requests). */
export function keepResourceTimings(target: Page | Frame): Promise<void> {
  return target.evaluate(() => {
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(1_000_000);
  });
}

/** The transaction ids of the messages written on this page since `since` (ms since the epoch), oldest first. */
export function writtenSince(p: PageEntries, since: number): string[] {
  return p.marks
    .filter((m) => m.at >= since && /^sd:send:.+:enter$/.test(m.name))
    .sort((a, b) => a.at - b.at)
    .map((m) => m.name.slice("sd:send:".length, -":enter".length));
}
