import type { CustomerStrings } from "./customer-strings";
import type { DeleteStrings } from "./delete-strings";
import type { FrameStrings } from "./frame-strings";
import type { StatusStrings } from "./status-strings";
import { de } from "./strings-de";

/** The frame's strings in `de` that are not in the main catalogue, then all of them (the frame loads one language: {@link loadFrameStrings}). */
export const statusDe: StatusStrings = {
  online: "Wir sind online.",
  busy: (about) => (about ? `Wir antworten meist in ~${about}.` : "Gerade ist viel los; wir antworten so bald wie möglich."),
  closed: (by) => `Wir sind gerade nicht erreichbar.${by ? ` Wir antworten bis ${by}.` : ""} Sie können trotzdem schreiben: Ihre Nachricht wartet auf uns.`,
  queuedClosed: "Ihre Nachricht ist in der Warteschlange: Wir antworten hier, sobald wir wieder da sind, auch wenn Sie gehen und später zurückkommen.",
};

export const deleteDe: DeleteStrings = {
  deleteConversation: "Dieses Gespräch löschen",
  confirmTitle: "Dieses Gespräch löschen?",
  confirmBody:
    "Seine Nachrichten werden von unserem Server gelöscht, die Kopien seiner Schlüssel bei den Support-Mitarbeitern werden gelöscht und auch Ihr Chat-Konto, wenn sonst nichts von Ihnen übrig ist. Die Mitarbeiter haben es vielleicht schon gelesen. Das lässt sich nicht rückgängig machen.",
  confirmDelete: "Löschen",
  cancel: "Abbrechen",
  deleting: "Das Gespräch wird gelöscht…",
  deleted: "Das Gespräch wurde gelöscht.",
  couldNotDelete: (reason) => `Das Gespräch konnte nicht gelöscht werden: ${reason}`,
};

export const customerDe: CustomerStrings = { refused: "Wir konnten Ihr Konto nicht bestätigen, daher ist dieser Chat anonym." };

/** Every string the frame shows from its start, in `de`. */
export const strings: FrameStrings = { widget: de, status: statusDe, deletion: deleteDe, customer: customerDe };
