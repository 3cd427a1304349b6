import type { WidgetLanguage } from "./catalogue";

/** What the widget says about keeping a visitor's history (kept apart from the main catalogue: one feature, one file). */
export type HistoryStrings = {
  /** Anonymous visitors: where their history lives. */
  thisBrowserOnly: string;
  /** Where the browser gives the chat no storage (a cross-site embed): nothing outlives the page. */
  thisPageOnly: string;
  /** A known customer may protect their history with a passkey (opt-in). */
  offerBackup: string;
  offerBackupHint: string;
  backingUp: string;
  backedUp: string;
  backupFailed(reason: string): string;
  /** On a new browser, before the identity is made anew. */
  unlockPrompt: string;
  unlock: string;
  startFresh: string;
  startFreshFailed(reason: string): string;
  unlocking: string;
  unlockFailed(reason: string): string;
  unlocked: string;
  /** The list of the visitor's conversations. */
  pastTitle: string;
  pastEmpty: string;
  back: string;
  closed: string;
  open: string;
  unreadable: string;
};

const en: HistoryStrings = {
  thisBrowserOnly: "History is kept on this browser only.",
  thisPageOnly: "This chat lasts while this page is open.",
  offerBackup: "Keep my conversations on other devices",
  offerBackupHint: "Creates a passkey: your conversations stay encrypted, and only your passkey unlocks them on another device.",
  backingUp: "Creating your passkey…",
  backedUp: "Your conversations can now be unlocked on your other devices with your passkey.",
  backupFailed: (r) => `Your conversations could not be kept for other devices: ${r}`,
  unlockPrompt: "Unlock your earlier conversations with your passkey",
  unlock: "Unlock with my passkey",
  startFresh: "Continue without them",
  startFreshFailed: (r) => `Could not continue without them: ${r}`,
  unlocking: "Unlocking your conversations…",
  unlockFailed: (r) => `Your passkey could not unlock your conversations: ${r}`,
  unlocked: "Your earlier conversations are unlocked.",
  pastTitle: "Your conversations",
  pastEmpty: "No earlier conversations.",
  back: "Back",
  closed: "Closed",
  open: "Open",
  unreadable: "(not readable on this device)",
};

const fr: HistoryStrings = {
  thisBrowserOnly: "L'historique n'est conservé que dans ce navigateur.",
  thisPageOnly: "Cette discussion dure tant que cette page reste ouverte.",
  offerBackup: "Garder mes conversations sur mes autres appareils",
  offerBackupHint: "Crée une clé d'accès : vos conversations restent chiffrées, et seule votre clé d'accès les déverrouille sur un autre appareil.",
  backingUp: "Création de votre clé d'accès…",
  backedUp: "Vos conversations peuvent maintenant être déverrouillées sur vos autres appareils avec votre clé d'accès.",
  backupFailed: (r) => `Vos conversations n'ont pas pu être gardées pour vos autres appareils : ${r}`,
  unlockPrompt: "Déverrouillez vos conversations précédentes avec votre clé d'accès",
  unlock: "Déverrouiller avec ma clé d'accès",
  startFresh: "Continuer sans elles",
  startFreshFailed: (r) => `Impossible de continuer sans elles : ${r}`,
  unlocking: "Déverrouillage de vos conversations…",
  unlockFailed: (r) => `Votre clé d'accès n'a pas pu déverrouiller vos conversations : ${r}`,
  unlocked: "Vos conversations précédentes sont déverrouillées.",
  pastTitle: "Vos conversations",
  pastEmpty: "Aucune conversation précédente.",
  back: "Retour",
  closed: "Terminée",
  open: "En cours",
  unreadable: "(illisible sur cet appareil)",
};

const de: HistoryStrings = {
  thisBrowserOnly: "Der Verlauf wird nur in diesem Browser gespeichert.",
  thisPageOnly: "Dieser Chat besteht, solange diese Seite geöffnet ist.",
  offerBackup: "Meine Unterhaltungen auf anderen Geräten behalten",
  offerBackupHint: "Erstellt einen Passkey: Ihre Unterhaltungen bleiben verschlüsselt, und nur Ihr Passkey entsperrt sie auf einem anderen Gerät.",
  backingUp: "Ihr Passkey wird erstellt…",
  backedUp: "Ihre Unterhaltungen lassen sich jetzt mit Ihrem Passkey auf Ihren anderen Geräten entsperren.",
  backupFailed: (r) => `Ihre Unterhaltungen konnten nicht für andere Geräte gesichert werden: ${r}`,
  unlockPrompt: "Entsperren Sie Ihre früheren Unterhaltungen mit Ihrem Passkey",
  unlock: "Mit meinem Passkey entsperren",
  startFresh: "Ohne sie fortfahren",
  startFreshFailed: (r) => `Fortfahren ohne sie nicht möglich: ${r}`,
  unlocking: "Ihre Unterhaltungen werden entsperrt…",
  unlockFailed: (r) => `Ihr Passkey konnte Ihre Unterhaltungen nicht entsperren: ${r}`,
  unlocked: "Ihre früheren Unterhaltungen sind entsperrt.",
  pastTitle: "Ihre Unterhaltungen",
  pastEmpty: "Keine früheren Unterhaltungen.",
  back: "Zurück",
  closed: "Beendet",
  open: "Offen",
  unreadable: "(auf diesem Gerät nicht lesbar)",
};

const es: HistoryStrings = {
  thisBrowserOnly: "El historial se guarda solo en este navegador.",
  thisPageOnly: "Este chat dura mientras esta página esté abierta.",
  offerBackup: "Conservar mis conversaciones en otros dispositivos",
  offerBackupHint: "Crea una llave de acceso: tus conversaciones siguen cifradas y solo tu llave de acceso las desbloquea en otro dispositivo.",
  backingUp: "Creando tu llave de acceso…",
  backedUp: "Ahora puedes desbloquear tus conversaciones en tus otros dispositivos con tu llave de acceso.",
  backupFailed: (r) => `No se han podido conservar tus conversaciones para otros dispositivos: ${r}`,
  unlockPrompt: "Desbloquea tus conversaciones anteriores con tu llave de acceso",
  unlock: "Desbloquear con mi llave de acceso",
  startFresh: "Continuar sin ellas",
  startFreshFailed: (r) => `No se pudo continuar sin ellas: ${r}`,
  unlocking: "Desbloqueando tus conversaciones…",
  unlockFailed: (r) => `Tu llave de acceso no ha podido desbloquear tus conversaciones: ${r}`,
  unlocked: "Tus conversaciones anteriores están desbloqueadas.",
  pastTitle: "Tus conversaciones",
  pastEmpty: "No hay conversaciones anteriores.",
  back: "Volver",
  closed: "Cerrada",
  open: "Abierta",
  unreadable: "(no legible en este dispositivo)",
};

/** Every widget language (the type makes a missing one a compile error). */
const STRINGS: Record<WidgetLanguage, HistoryStrings> = { en, fr, de, es };

/** The strings in `lang`. */
export function historyStrings(lang: WidgetLanguage): HistoryStrings {
  return STRINGS[lang];
}
