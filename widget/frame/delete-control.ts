import type { DeleteStrings } from "../../lib/widget-i18n/delete-strings";
import { el } from "./dom";

/** The "Delete this conversation" button and its confirmation (an alertdialog: focus moves in, Escape or Cancel leaves). */
export type DeleteControl = {
  elements: HTMLElement[];
  setVisible(visible: boolean): void;
  /** What a confirmed deletion does; a rejection's message is shown in the dialog's alert. */
  onConfirm(handler: () => Promise<void>): void;
};

/** Mounts the button (hidden until there is a conversation) and its confirmation. */
export function mountDeleteControl(t: DeleteStrings): DeleteControl {
  const button = el("button", { type: "button", class: "delete-conversation", hidden: "" }, t.deleteConversation);
  const title = el("h2", { id: "delete-title" }, t.confirmTitle);
  const body = el("p", { id: "delete-body" }, t.confirmBody);
  const confirm = el("button", { type: "button", class: "danger" }, t.confirmDelete);
  const cancel = el("button", { type: "button", class: "secondary" }, t.cancel);
  const status = el("p", { role: "status" });
  const error = el("p", { class: "error", role: "alert" });
  const dialog = el(
    "div",
    { class: "delete-dialog", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "delete-title", "aria-describedby": "delete-body", hidden: "" },
    undefined,
    title,
    body,
    error,
    status,
    el("p", {}, undefined, confirm, cancel),
  );
  let handler: () => Promise<void> = async () => {};

  const close = (): void => {
    dialog.hidden = true;
    button.focus();
  };
  button.addEventListener("click", () => {
    error.textContent = status.textContent = "";
    dialog.hidden = false;
    cancel.focus(); // the safe choice first
  });
  cancel.addEventListener("click", close);
  // Escape leaves the dialog only (the frame's own Escape would close the whole chat).
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  confirm.addEventListener("click", () => {
    confirm.disabled = cancel.disabled = true;
    error.textContent = "";
    status.textContent = t.deleting;
    handler()
      .then(() => {
        dialog.hidden = true;
      })
      .catch((e: Error) => {
        status.textContent = "";
        error.textContent = t.couldNotDelete(e.message);
      })
      .finally(() => (confirm.disabled = cancel.disabled = false));
  });
  return {
    elements: [button, dialog],
    setVisible: (visible) => {
      button.hidden = !visible;
      if (!visible) dialog.hidden = true;
    },
    onConfirm: (h) => void (handler = h),
  };
}
