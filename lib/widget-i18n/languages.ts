/** Languages the widget speaks, by primary language subtag (each has a `lang-<xx>.ts` module). */
export const WIDGET_LANGUAGES = ["en", "fr", "de", "es"] as const;

/** A language the widget has strings for. */
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];

/**
 * Picks the first supported language among BCP 47 tags in order of preference
 * (e.g. the embed's `data-lang`, then the page language, then the browser's),
 * by primary subtag; English when none matches.
 */
export function pickWidgetLanguage(candidates: readonly (string | null | undefined)[]): WidgetLanguage {
  for (const tag of candidates) {
    const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
    const known = WIDGET_LANGUAGES.find((l) => l === primary);
    if (known) return known;
  }
  return "en";
}
