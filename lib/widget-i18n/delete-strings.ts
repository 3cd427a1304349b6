import type { WidgetLanguage } from "./catalogue";

/** The strings of the widget's "Delete this conversation" and its confirmation. */
export type DeleteStrings = {
  deleteConversation: string;
  confirmTitle: string;
  /** What is deleted, in plain words, and that an agent may have read it already. */
  confirmBody: string;
  confirmDelete: string;
  cancel: string;
  deleting: string;
  /** After the deletion: the chat starts fresh. */
  deleted: string;
  couldNotDelete: (reason: string) => string;
};

/** {@link DeleteStrings} in every widget language (the type makes a missing language a compile error). */
export const DELETE_STRINGS: Record<WidgetLanguage, DeleteStrings> = {
  en: {
    deleteConversation: "Delete this conversation",
    confirmTitle: "Delete this conversation?",
    confirmBody:
      "Its messages are deleted from our server, the support agents' copies of its encryption keys are deleted, and your chat account too if nothing else of yours is left. The agents may already have read it. This cannot be undone.",
    confirmDelete: "Delete",
    cancel: "Cancel",
    deleting: "Deleting the conversation…",
    deleted: "The conversation was deleted.",
    couldNotDelete: (reason) => `The conversation could not be deleted: ${reason}`,
  },
  fr: {
    deleteConversation: "Supprimer cette conversation",
    confirmTitle: "Supprimer cette conversation ?",
    confirmBody:
      "Ses messages sont supprimés de notre serveur, les copies des clés de chiffrement détenues par les agents du support sont supprimées, ainsi que votre compte de discussion s’il ne reste rien d’autre de vous. Les agents l’ont peut-être déjà lue. Cette action est irréversible.",
    confirmDelete: "Supprimer",
    cancel: "Annuler",
    deleting: "Suppression de la conversation…",
    deleted: "La conversation a été supprimée.",
    couldNotDelete: (reason) => `La conversation n’a pas pu être supprimée : ${reason}`,
  },
  de: {
    deleteConversation: "Dieses Gespräch löschen",
    confirmTitle: "Dieses Gespräch löschen?",
    confirmBody:
      "Seine Nachrichten werden von unserem Server gelöscht, die Kopien seiner Schlüssel bei den Support-Mitarbeitern werden gelöscht und auch Ihr Chat-Konto, wenn sonst nichts von Ihnen übrig ist. Die Mitarbeiter haben es vielleicht schon gelesen. Das lässt sich nicht rückgängig machen.",
    confirmDelete: "Löschen",
    cancel: "Abbrechen",
    deleting: "Das Gespräch wird gelöscht…",
    deleted: "Das Gespräch wurde gelöscht.",
    couldNotDelete: (reason) => `Das Gespräch konnte nicht gelöscht werden: ${reason}`,
  },
  es: {
    deleteConversation: "Eliminar esta conversación",
    confirmTitle: "¿Eliminar esta conversación?",
    confirmBody:
      "Sus mensajes se eliminan de nuestro servidor, se eliminan las copias de sus claves de cifrado que tienen los agentes de soporte, y también su cuenta de chat si no queda nada más suyo. Puede que los agentes ya la hayan leído. No se puede deshacer.",
    confirmDelete: "Eliminar",
    cancel: "Cancelar",
    deleting: "Eliminando la conversación…",
    deleted: "La conversación se ha eliminado.",
    couldNotDelete: (reason) => `No se pudo eliminar la conversación: ${reason}`,
  },
};
