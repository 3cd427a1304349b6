const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 3_600],
  ["day", 86_400],
  ["week", 604_800],
];

// One formatter per locale: building one costs more than formatting (the list formats a time per row).
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(formats: Map<string, F>, locale: string, make: () => F): F {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = make()));
  return format;
}

/**
 * "now", "5 min. ago", "yesterday", "2 wk. ago" (in `locale`), for the list's
 * last-activity column; older than four weeks, the date. Times slightly in the
 * future (clock skew between browsers) count as now.
 */
export function relativeTime(then: number, now: number, locale = "en"): string {
  const seconds = Math.round((now - then) / 1000);
  const format = cached(relativeFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" }));
  if (seconds < 60) return format.format(0, "second");
  if (seconds >= 4 * 604_800) return cached(dateFormats, locale, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium" })).format(then);
  let unit = UNITS[0]!;
  for (const u of UNITS) if (seconds >= u[1]) unit = u;
  return format.format(-Math.floor(seconds / unit[1]), unit[0]);
}
