import type { CustomerStrings } from "./customer-strings";
import type { DeleteStrings } from "./delete-strings";
import type { FrameStrings } from "./frame-strings";
import type { StatusStrings } from "./status-strings";
import { en } from "./strings-en";

/** The frame's strings in `en` that are not in the main catalogue, then all of them (the frame loads one language: {@link loadFrameStrings}). */
export const statusEn: StatusStrings = {
  online: "We're online.",
  busy: (about) => (about ? `We usually reply in ~${about}.` : "We're busy right now; we'll reply as soon as we can."),
  closed: (by) => `We're closed now.${by ? ` We reply by ${by}.` : ""} You can still write: your message waits for us.`,
  queuedClosed: "Your message is in the queue: we will answer here when we open, even if you leave and come back later.",
};

export const deleteEn: DeleteStrings = {
  deleteConversation: "Delete this conversation",
  confirmTitle: "Delete this conversation?",
  confirmBody:
    "Its messages are deleted from our server, the support agents' copies of its encryption keys are deleted, and your chat account too if nothing else of yours is left. The agents may already have read it. This cannot be undone.",
  confirmDelete: "Delete",
  cancel: "Cancel",
  deleting: "Deleting the conversation…",
  deleted: "The conversation was deleted.",
  couldNotDelete: (reason) => `The conversation could not be deleted: ${reason}`,
};

export const customerEn: CustomerStrings = { refused: "We could not confirm your account, so this chat is anonymous." };

/** Every string the frame shows from its start, in `en`. */
export const strings: FrameStrings = { widget: en, status: statusEn, deletion: deleteEn, customer: customerEn };
