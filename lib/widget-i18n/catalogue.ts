import { de } from "./strings-de";
import { en } from "./strings-en";
import { es } from "./strings-es";
import { fr } from "./strings-fr";

export { listOf, type WidgetStrings } from "./widget-strings";

/** Languages the widget speaks, by primary language subtag. */
export const WIDGET_CATALOGUE = { en, fr, de, es } as const;

/** A language the widget has strings for. */
export type WidgetLanguage = keyof typeof WIDGET_CATALOGUE;

/**
 * Picks the first supported language among BCP 47 tags in order of preference
 * (e.g. the embed's `data-lang`, then the page language, then the browser's),
 * by primary subtag; English when none matches.
 */
export function pickWidgetLanguage(candidates: readonly (string | null | undefined)[]): WidgetLanguage {
  for (const tag of candidates) {
    const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary && Object.hasOwn(WIDGET_CATALOGUE, primary)) return primary as WidgetLanguage;
  }
  return "en";
}
