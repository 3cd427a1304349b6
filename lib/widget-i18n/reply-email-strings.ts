import type { WidgetLanguage } from "./languages";

/** The widget's reply-email control, per language (kept apart from the main catalogue: one feature, one file). */
export type ReplyEmailStrings = {
  offer: string;
  consent: string;
  emailLabel: string;
  save: string;
  cancel: string;
  saved: (email: string) => string;
  stop: string;
  stopped: string;
  failed: (reason: string) => string;
};

const en: ReplyEmailStrings = {
  offer: "Email me when they reply",
  consent: "We'll email you when we reply. The email says only that there is a reply, never what it says.",
  emailLabel: "Your email",
  save: "Email me",
  cancel: "Cancel",
  saved: (email) => `We'll email ${email} when we reply.`,
  stop: "Stop emails",
  stopped: "No more emails: your address is deleted.",
  failed: (reason) => `That did not work: ${reason}`,
};

const fr: ReplyEmailStrings = {
  offer: "M'écrire quand ils répondent",
  consent: "Nous vous écrirons quand nous répondrons. L'e-mail dit seulement qu'il y a une réponse, jamais ce qu'elle dit.",
  emailLabel: "Votre e-mail",
  save: "M'écrire",
  cancel: "Annuler",
  saved: (email) => `Nous écrirons à ${email} quand nous répondrons.`,
  stop: "Arrêter les e-mails",
  stopped: "Plus d'e-mails : votre adresse est supprimée.",
  failed: (reason) => `Cela n'a pas marché : ${reason}`,
};

const de: ReplyEmailStrings = {
  offer: "Mir mailen, wenn sie antworten",
  consent: "Wir schreiben Ihnen eine E-Mail, wenn wir antworten. Sie sagt nur, dass es eine Antwort gibt, nie, was darin steht.",
  emailLabel: "Ihre E-Mail-Adresse",
  save: "Mir mailen",
  cancel: "Abbrechen",
  saved: (email) => `Wir schreiben an ${email}, wenn wir antworten.`,
  stop: "Keine E-Mails mehr",
  stopped: "Keine E-Mails mehr: Ihre Adresse ist gelöscht.",
  failed: (reason) => `Das hat nicht geklappt: ${reason}`,
};

const es: ReplyEmailStrings = {
  offer: "Avisarme por correo cuando respondan",
  consent: "Le enviaremos un correo cuando respondamos. El correo solo dice que hay una respuesta, nunca lo que dice.",
  emailLabel: "Su correo electrónico",
  save: "Avisarme",
  cancel: "Cancelar",
  saved: (email) => `Escribiremos a ${email} cuando respondamos.`,
  stop: "No más correos",
  stopped: "No más correos: su dirección se ha eliminado.",
  failed: (reason) => `No ha funcionado: ${reason}`,
};

/** The reply-email control's strings for each widget language. */
export const REPLY_EMAIL_STRINGS: Record<WidgetLanguage, ReplyEmailStrings> = { en, fr, de, es };
