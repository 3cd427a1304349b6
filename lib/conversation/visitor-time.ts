/**
 * Whether `tz` is an IANA time zone the runtime knows (what
 * `Intl.DateTimeFormat` accepts), short enough for the conversation marker.
 */
export function isValidTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The visitor's local time at `now` in their time zone, as "14:05 (UTC+1)"
 * (24-hour clock, offset from UTC). Returns null for an unknown time zone.
 */
export function visitorLocalTime(now: Date, timeZone: string): string | null {
  if (!isValidTimeZone(timeZone)) return null;
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
  const offset =
    new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "shortOffset" }).formatToParts(now).find((p) => p.type === "timeZoneName")?.value ?? "";
  // "GMT+1", "GMT+5:30", or "GMT" for UTC itself.
  const utc = /^(GMT|UTC)?([+-]0)?$/.test(offset) ? "UTC" : offset.replace(/^GMT/, "UTC");
  return `${time} (${utc})`;
}

/**
 * The page URL as a link target when it is plain http(s), otherwise null
 * (shown as text then): never a javascript:, data: or other scheme.
 */
export function safeHttpUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
