import type { WidgetLanguage } from "./catalogue";

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

/** The reply-email control's strings for each widget language. */
export const REPLY_EMAIL_STRINGS: Record<WidgetLanguage, ReplyEmailStrings> = { en, fr };
