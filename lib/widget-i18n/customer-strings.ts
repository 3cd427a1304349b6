import { customerEn } from "./lang-en";
import { customerFr } from "./lang-fr";
import { customerDe } from "./lang-de";
import { customerEs } from "./lang-es";
import type { WidgetLanguage } from "./languages";

/** What the widget says about a known customer's sign-in (kept apart from the main catalogue: one feature, one file). */
export type CustomerStrings = {
  /** The host site's token was refused: the chat goes on anonymously. */
  refused: string;
};

/** Every widget language (the type makes a missing one a compile error). */
const STRINGS: Record<WidgetLanguage, CustomerStrings> = { en: customerEn, fr: customerFr, de: customerDe, es: customerEs };

/** The strings in `lang`. */
export function customerStrings(lang: WidgetLanguage): CustomerStrings {
  return STRINGS[lang];
}
