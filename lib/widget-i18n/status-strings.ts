import type { WidgetLanguage } from "./catalogue";

/** The widget's line about the team's availability (see lib/widget-protocol/widget-status), per language. */
export type StatusStrings = {
  online: string;
  /** `about`: a rounded duration such as "5 min" (null: no figure). */
  busy: (about: string | null) => string;
  /** `replyBy`: the next opening in the visitor's own time (null: none set). */
  closed: (replyBy: string | null) => string;
  /** Replaces the queue notice while the team is closed. */
  queuedClosed: string;
};

const en: StatusStrings = {
  online: "We're online.",
  busy: (about) => (about ? `We usually reply in ~${about}.` : "We're busy right now; we'll reply as soon as we can."),
  closed: (by) => `We're closed now.${by ? ` We reply by ${by}.` : ""} You can still write: your message waits for us.`,
  queuedClosed: "Your message is in the queue: we will answer here when we open, even if you leave and come back later.",
};

const fr: StatusStrings = {
  online: "Nous sommes en ligne.",
  busy: (about) => (about ? `Nous répondons en général en ~${about}.` : "Nous sommes très occupés ; nous répondrons dès que possible."),
  closed: (by) => `Nous sommes fermés.${by ? ` Nous répondons d’ici ${by}.` : ""} Vous pouvez quand même écrire : votre message nous attend.`,
  queuedClosed: "Votre message est dans la file : nous répondrons ici à l’ouverture, même si vous partez et revenez plus tard.",
};

const de: StatusStrings = {
  online: "Wir sind online.",
  busy: (about) => (about ? `Wir antworten meist in ~${about}.` : "Gerade ist viel los; wir antworten so bald wie möglich."),
  closed: (by) => `Wir sind gerade nicht erreichbar.${by ? ` Wir antworten bis ${by}.` : ""} Sie können trotzdem schreiben: Ihre Nachricht wartet auf uns.`,
  queuedClosed: "Ihre Nachricht ist in der Warteschlange: Wir antworten hier, sobald wir wieder da sind, auch wenn Sie gehen und später zurückkommen.",
};

const es: StatusStrings = {
  online: "Estamos en línea.",
  busy: (about) => (about ? `Solemos responder en ~${about}.` : "Ahora mismo estamos ocupados; responderemos lo antes posible."),
  closed: (by) => `Ahora estamos cerrados.${by ? ` Respuesta prevista: ${by}.` : ""} Puede escribir igualmente: su mensaje nos espera.`,
  queuedClosed: "Su mensaje está en la cola: responderemos aquí cuando abramos, aunque se vaya y vuelva más tarde.",
};

/** The status line's strings for each widget language. */
export const STATUS_STRINGS: Record<WidgetLanguage, StatusStrings> = { en, fr, de, es };

/** A rounded number of minutes in the language's short units: "5 min", "2 h" (whole hours from 60 minutes). */
export function approxDuration(lang: string, minutes: number): string {
  const hours = minutes >= 60 && minutes % 60 === 0;
  return new Intl.NumberFormat(lang, { style: "unit", unit: hours ? "hour" : "minute", unitDisplay: "short" }).format(hours ? minutes / 60 : minutes);
}

/**
 * When the team opens, in the visitor's language and time zone (`timeZone`
 * only for tests; the browser's own otherwise): the time alone on the same
 * day, the weekday and time within six days, else the date and time.
 */
export function replyByText(opensAt: Date, now: Date, lang: string, timeZone?: string): string {
  const dayOf = (d: Date): string => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const time = { hour: "numeric", minute: "2-digit", timeZone } as const;
  if (dayOf(opensAt) === dayOf(now)) return new Intl.DateTimeFormat(lang, time).format(opensAt);
  const soon = opensAt.getTime() - now.getTime() < 6 * 86_400_000;
  return new Intl.DateTimeFormat(lang, soon ? { ...time, weekday: "long" } : { ...time, weekday: "long", day: "numeric", month: "long" }).format(opensAt);
}
