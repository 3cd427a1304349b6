// Formatting for the status line (no strings of any language: the frame loads those per language).

/** A rounded number of minutes in the language's short units: "5 min", "2 h" (whole hours from 60 minutes). */
export function approxDuration(lang: string, minutes: number): string {
  const hours = minutes >= 60 && minutes % 60 === 0;
  return new Intl.NumberFormat(lang, { style: "unit", unit: hours ? "hour" : "minute", unitDisplay: "short" }).format(hours ? minutes / 60 : minutes);
}

/**
 * When the team opens, in the visitor's language and time zone (`timeZone`
 * only for tests; the browser's own otherwise): the time alone on the same
 * day, the weekday and time within six days, else the date and time.
 */
export function replyByText(opensAt: Date, now: Date, lang: string, timeZone?: string): string {
  const dayOf = (d: Date): string => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const time = { hour: "numeric", minute: "2-digit", timeZone } as const;
  if (dayOf(opensAt) === dayOf(now)) return new Intl.DateTimeFormat(lang, time).format(opensAt);
  const soon = opensAt.getTime() - now.getTime() < 6 * 86_400_000;
  return new Intl.DateTimeFormat(lang, soon ? { ...time, weekday: "long" } : { ...time, weekday: "long", day: "numeric", month: "long" }).format(opensAt);
}
