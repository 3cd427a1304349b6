import type { WidgetLanguage } from "./catalogue";

/** What the widget says about a known customer's sign-in (kept apart from the main catalogue: one feature, one file). */
export type CustomerStrings = {
  /** The host site's token was refused: the chat goes on anonymously. */
  refused: string;
};

const en: CustomerStrings = { refused: "We could not confirm your account, so this chat is anonymous." };
const fr: CustomerStrings = { refused: "Nous n'avons pas pu confirmer votre compte : cette conversation est anonyme." };

const STRINGS: Partial<Record<WidgetLanguage, CustomerStrings>> = { en, fr };

/** The strings in `lang`, English when there are none yet. */
export function customerStrings(lang: WidgetLanguage): CustomerStrings {
  return STRINGS[lang] ?? en;
}
