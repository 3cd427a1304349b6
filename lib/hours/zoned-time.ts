/** A local wall-clock reading: the calendar date and the milliseconds since that date's midnight. */
export type WallClock = { date: string; ms: number };

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time at `at` in `timeZone`, as if it were UTC (ms since the epoch). */
function localEpochMs(at: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (((at % 1000) + 1000) % 1000);
}

/** The date and time of day at instant `at` in the IANA `timeZone` (through `Intl`, no time zone tables of our own). */
export function wallClock(at: Date, timeZone: string): WallClock {
  const local = localEpochMs(at.getTime(), timeZone);
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return { date: new Date(midnight).toISOString().slice(0, 10), ms: local - midnight };
}

/** The date `days` after `date` (both "YYYY-MM-DD"; negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day of the week of a "YYYY-MM-DD" date, 0 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * The instant when the wall clock in `timeZone` shows `minutes` after midnight
 * of `date`. A time that happens twice (clocks going back) is its first
 * occurrence; a time skipped (clocks going forward) moves forward by the gap,
 * as Temporal's "compatible" disambiguation does.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const local = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const offsetAt = (t: number): number => localEpochMs(t, timeZone) - t;
  const before = offsetAt(local - DAY_MS);
  const after = offsetAt(local + DAY_MS);
  const valid = [local - before, local - after].filter((t) => localEpochMs(t, timeZone) === local).sort((a, b) => a - b);
  return new Date(valid[0] ?? local - before);
}
