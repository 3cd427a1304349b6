import { deleteEn } from "./lang-en";
import { deleteFr } from "./lang-fr";
import { deleteDe } from "./lang-de";
import { deleteEs } from "./lang-es";
import type { WidgetLanguage } from "./languages";

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
export const DELETE_STRINGS: Record<WidgetLanguage, DeleteStrings> = { en: deleteEn, fr: deleteFr, de: deleteDe, es: deleteEs };
