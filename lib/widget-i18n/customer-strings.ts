import type { WidgetLanguage } from "./catalogue";

/** What the widget says about a known customer's sign-in (kept apart from the main catalogue: one feature, one file). */
export type CustomerStrings = {
  /** The host site's token was refused: the chat goes on anonymously. */
  refused: string;
};

const en: CustomerStrings = { refused: "We could not confirm your account, so this chat is anonymous." };
const fr: CustomerStrings = { refused: "Nous n'avons pas pu confirmer votre compte : cette conversation est anonyme." };

const de: CustomerStrings = { refused: "Wir konnten Ihr Konto nicht bestätigen, daher ist dieser Chat anonym." };
const es: CustomerStrings = { refused: "No hemos podido confirmar tu cuenta, así que este chat es anónimo." };

/** Every widget language (the type makes a missing one a compile error). */
const STRINGS: Record<WidgetLanguage, CustomerStrings> = { en, fr, de, es };

/** The strings in `lang`. */
export function customerStrings(lang: WidgetLanguage): CustomerStrings {
  return STRINGS[lang];
}
