import type { CustomerStrings } from "./customer-strings";
import type { DeleteStrings } from "./delete-strings";
import type { FrameStrings } from "./frame-strings";
import type { StatusStrings } from "./status-strings";
import { es } from "./strings-es";

/** The frame's strings in `es` that are not in the main catalogue, then all of them (the frame loads one language: {@link loadFrameStrings}). */
export const statusEs: StatusStrings = {
  online: "Estamos en línea.",
  busy: (about) => (about ? `Solemos responder en ~${about}.` : "Ahora mismo estamos ocupados; responderemos lo antes posible."),
  closed: (by) => `Ahora estamos cerrados.${by ? ` Respuesta prevista: ${by}.` : ""} Puede escribir igualmente: su mensaje nos espera.`,
  queuedClosed: "Su mensaje está en la cola: responderemos aquí cuando abramos, aunque se vaya y vuelva más tarde.",
};

export const deleteEs: DeleteStrings = {
  deleteConversation: "Eliminar esta conversación",
  confirmTitle: "¿Eliminar esta conversación?",
  confirmBody:
    "Sus mensajes se eliminan de nuestro servidor, se eliminan las copias de sus claves de cifrado que tienen los agentes de soporte, y también su cuenta de chat si no queda nada más suyo. Puede que los agentes ya la hayan leído. No se puede deshacer.",
  confirmDelete: "Eliminar",
  cancel: "Cancelar",
  deleting: "Eliminando la conversación…",
  deleted: "La conversación se ha eliminado.",
  couldNotDelete: (reason) => `No se pudo eliminar la conversación: ${reason}`,
};

export const customerEs: CustomerStrings = { refused: "No hemos podido confirmar tu cuenta, así que este chat es anónimo." };

/** Every string the frame shows from its start, in `es`. */
export const strings: FrameStrings = { widget: es, status: statusEs, deletion: deleteEs, customer: customerEs };
