import { z } from "zod";
import { isValidTimeZone } from "../conversation/visitor-time";

/** Days of the week as `Date#getUTCDay()` numbers them (0 = Sunday). */
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const time = z.string().regex(TIME, "times are HH:MM on a 24-hour clock, 00:00 to 24:00");

/** Minutes after midnight of an "HH:MM" time (24:00 is 1440). */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * One opening range of a day, local wall-clock time. `to` before `from`
 * runs past midnight into the next day (22:00-02:00); `to` 24:00 ends at midnight.
 */
export const hoursRangeSchema = z
  .object({ from: time, to: time })
  .strict()
  .refine((r) => r.from !== "24:00", "a range cannot start at 24:00")
  .refine((r) => minutesOf(r.from) !== minutesOf(r.to), "a range must not start and end at the same time");
/** One opening range. */
export type HoursRange = z.infer<typeof hoursRangeSchema>;

const day = z.array(hoursRangeSchema).max(8, "at most 8 ranges a day");

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date "YYYY-MM-DD" that exists (2026-02-30 does not). */
export const calendarDateSchema = z
  .string()
  .regex(DATE, "dates are YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "that date does not exist");

/**
 * A team's business hours: its IANA time zone, the weekly opening ranges (a
 * day without ranges is closed) and holidays (dates in that time zone, closed
 * all day; a range that starts the evening before and runs past midnight still
 * ends as set). A team without hours (null) is always open.
 */
export const teamHoursSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, "time zone must be an IANA name such as Europe/Berlin"),
    weekly: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<Weekday, typeof day>).strict(),
    holidays: z
      .array(calendarDateSchema)
      .max(400, "at most 400 holidays")
      .refine((h) => new Set(h).size === h.length, "holidays must not repeat"),
  })
  .strict();
/** A team's business hours (see {@link teamHoursSchema}). */
export type TeamHours = z.infer<typeof teamHoursSchema>;
