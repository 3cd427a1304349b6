import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { el } from "./dom";
import { mountPrechatForm, type PrechatAnswers } from "./prechat-form";

/** Where the visitor writes: see {@link mountComposer}. */
export type Composer = ReturnType<typeof mountComposer>;

/**
 * The message box, the attach button and the optional pre-chat form (shown in
 * its place). Disabled until `enable()`; Enter sends, Shift+Enter is a new line;
 * typing is reported while there is text.
 */
export function mountComposer(t: WidgetStrings) {
  const prechatSlot = el("div");
  const form = el("form", { class: "composer" });
  const label = el("label", { for: "message", class: "visually-hidden" }, t.messageLabel);
  const input = el("textarea", { id: "message", rows: "2", placeholder: t.placeholder, disabled: "" });
  const fileInput = el("input", { type: "file", id: "attach", class: "visually-hidden", tabindex: "-1", "aria-hidden": "true" });
  const attach = el("button", { type: "button", class: "attach", "aria-label": t.attach, title: t.attach, disabled: "" }, "+");
  const send = el("button", { type: "submit", disabled: "" }, t.send);
  form.append(label, attach, fileInput, input, send);

  let sendHandler: (text: string) => void = () => {};
  let typingHandler: (typing: boolean) => void = () => {};
  const submit = (): void => {
    const text = input.value.trim();
    if (!text || input.disabled) return;
    input.value = "";
    // The message first: the typing stop then waits for it to go out.
    sendHandler(text);
    typingHandler(false);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", () => typingHandler(input.value.trim().length > 0));
  input.addEventListener("blur", () => typingHandler(false));
  attach.addEventListener("click", () => fileInput.click());

  return {
    elements: [prechatSlot, form],
    onSend: (h: (text: string) => void): void => void (sendHandler = h),
    onTyping: (h: (typing: boolean) => void): void => void (typingHandler = h),
    onAttach(handler: (file: File) => void): void {
      fileInput.addEventListener("change", () => {
        const file = fileInput.files?.[0];
        fileInput.value = "";
        if (file) handler(file);
      });
    },
    setHidden: (hidden: boolean): void => void (form.hidden = hidden),
    enable(): void {
      for (const c of [input, send, attach]) c.removeAttribute("disabled");
      input.focus();
    },
    askPrechat(): Promise<PrechatAnswers | null> {
      form.hidden = true;
      return mountPrechatForm(prechatSlot, t).then((answers) => {
        prechatSlot.replaceChildren();
        form.hidden = false;
        input.focus();
        return answers;
      });
    },
  };
}
