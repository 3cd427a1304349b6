import type { HoursRange } from "./team-hours";

/** Parsed text, or what is wrong with it in words an operator understands. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const RANGE = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/;
const pad = (h: string, m: string): string => `${h.padStart(2, "0")}:${m}`;

/**
 * A day's ranges from the editor's text, such as "09:00-12:00, 13:00-17:30"
 * (empty: closed that day). Only the shape is checked here; the API's schema
 * checks the times themselves.
 */
export function rangesFromText(text: string): Parsed<HoursRange[]> {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges: HoursRange[] = [];
  for (const part of parts) {
    const m = RANGE.exec(part);
    if (!m) return { ok: false, error: `"${part}" is not a range such as 09:00-17:00` };
    ranges.push({ from: pad(m[1]!, m[2]!), to: pad(m[3]!, m[4]!) });
  }
  return { ok: true, value: ranges };
}

/** The editor's text for a day's ranges. */
export function rangesToText(ranges: readonly HoursRange[]): string {
  return ranges.map((r) => `${r.from}-${r.to}`).join(", ");
}

/** Holiday dates from text separated by spaces, commas or lines. */
export function holidaysFromText(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}
