import { de } from "./strings-de";
import { en } from "./strings-en";
import { es } from "./strings-es";
import { fr } from "./strings-fr";
import type { WidgetLanguage } from "./languages";
import type { WidgetStrings } from "./widget-strings";

export { listOf, type WidgetStrings } from "./widget-strings";
export { pickWidgetLanguage, WIDGET_LANGUAGES, type WidgetLanguage } from "./languages";

/**
 * The main strings in every language (the type makes a missing one a compile error). For
 * tests and the server side: the frame loads one language at a time (`frame-strings.ts`).
 */
export const WIDGET_CATALOGUE: Record<WidgetLanguage, WidgetStrings> = { en, fr, de, es };
