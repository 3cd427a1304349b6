import { minutesOf, WEEKDAYS, type HoursRange, type TeamHours } from "./team-hours";
import { addDays, wallClock, weekdayOf, zonedInstant } from "./zoned-time";

/** Whether a team is open at an instant, and when closed, the next instant it opens (null: never, in the next 400 days). */
export type OpenState = { open: true } | { open: false; opensAt: Date | null };

const SEARCH_DAYS = 400;

function rangesOn(hours: TeamHours, date: string): readonly HoursRange[] {
  if (hours.holidays.includes(date)) return [];
  return hours.weekly[WEEKDAYS[weekdayOf(date)]!];
}

/** Whether `hours` are open at `at`; no hours (null) is always open. */
export function isOpenAt(hours: TeamHours | null, at: Date): boolean {
  if (!hours) return true;
  const { date, ms } = wallClock(at, hours.timeZone);
  const minute = ms / 60_000;
  for (const r of rangesOn(hours, date)) {
    const from = minutesOf(r.from);
    const to = minutesOf(r.to);
    if (from <= minute && minute < (to > from ? to : 1440)) return true;
  }
  // Yesterday's ranges that run past midnight.
  return rangesOn(hours, addDays(date, -1)).some((r) => minutesOf(r.to) < minutesOf(r.from) && minute < minutesOf(r.to));
}

/**
 * Open or closed at `at`, and when closed the next opening: the first range
 * start after `at` (skipping holidays; a start the clocks skip moves forward
 * by the gap) at which the hours are open. Pure: the clock is a parameter.
 */
export function openState(hours: TeamHours | null, at: Date): OpenState {
  if (isOpenAt(hours, at)) return { open: true };
  const h = hours!;
  const today = wallClock(at, h.timeZone).date;
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const date = addDays(today, i);
    const starts = rangesOn(h, date)
      .map((r) => minutesOf(r.from))
      .sort((a, b) => a - b);
    for (const start of starts) {
      const candidate = zonedInstant(date, start, h.timeZone);
      if (candidate > at && isOpenAt(h, candidate)) return { open: false, opensAt: candidate };
    }
  }
  return { open: false, opensAt: null };
}
