import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { el } from "./dom";

/** The visitor's optional answers; they are sent only inside the encrypted room. */
export type PrechatAnswers = { name: string; email: string };

/** Shows the optional pre-chat form; resolves with the answers, or null when skipped or left empty. */
export function mountPrechatForm(slot: HTMLElement, t: WidgetStrings): Promise<PrechatAnswers | null> {
  return new Promise((resolve) => {
    const form = el("form", { class: "prechat", "aria-label": t.prechatIntro });
    const name = el("input", { id: "prechat-name", name: "name", autocomplete: "name", maxlength: "100" });
    const email = el("input", { id: "prechat-email", name: "email", type: "email", autocomplete: "email", maxlength: "200" });
    const skip = el("button", { type: "button", class: "secondary" }, t.prechatSkip);
    form.append(
      el("p", {}, t.prechatIntro),
      el("label", { for: "prechat-name" }, t.prechatName),
      name,
      el("label", { for: "prechat-email" }, t.prechatEmail),
      email,
      el("div", { class: "actions" }, undefined, skip, el("button", { type: "submit" }, t.prechatStart)),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!email.checkValidity()) return email.reportValidity();
      const answers = { name: name.value.trim(), email: email.value.trim() };
      resolve(answers.name || answers.email ? answers : null);
    });
    skip.addEventListener("click", () => resolve(null));
    slot.replaceChildren(form);
    name.focus();
  });
}
