import type { CustomerStrings } from "./customer-strings";
import type { DeleteStrings } from "./delete-strings";
import type { FrameStrings } from "./frame-strings";
import type { StatusStrings } from "./status-strings";
import { fr } from "./strings-fr";

/** The frame's strings in `fr` that are not in the main catalogue, then all of them (the frame loads one language: {@link loadFrameStrings}). */
export const statusFr: StatusStrings = {
  online: "Nous sommes en ligne.",
  busy: (about) => (about ? `Nous répondons en général en ~${about}.` : "Nous sommes très occupés ; nous répondrons dès que possible."),
  closed: (by) => `Nous sommes fermés.${by ? ` Nous répondons d’ici ${by}.` : ""} Vous pouvez quand même écrire : votre message nous attend.`,
  queuedClosed: "Votre message est dans la file : nous répondrons ici à l’ouverture, même si vous partez et revenez plus tard.",
};

export const deleteFr: DeleteStrings = {
  deleteConversation: "Supprimer cette conversation",
  confirmTitle: "Supprimer cette conversation ?",
  confirmBody:
    "Ses messages sont supprimés de notre serveur, les copies des clés de chiffrement détenues par les agents du support sont supprimées, ainsi que votre compte de discussion s’il ne reste rien d’autre de vous. Les agents l’ont peut-être déjà lue. Cette action est irréversible.",
  confirmDelete: "Supprimer",
  cancel: "Annuler",
  deleting: "Suppression de la conversation…",
  deleted: "La conversation a été supprimée.",
  couldNotDelete: (reason) => `La conversation n’a pas pu être supprimée : ${reason}`,
};

export const customerFr: CustomerStrings = { refused: "Nous n'avons pas pu confirmer votre compte : cette conversation est anonyme." };

/** Every string the frame shows from its start, in `fr`. */
export const strings: FrameStrings = { widget: fr, status: statusFr, deletion: deleteFr, customer: customerFr };
