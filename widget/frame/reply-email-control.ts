import type { ReplyEmailStrings } from "../../lib/widget-i18n/reply-email-strings";
import { el } from "./dom";
import { deleteReplyEmail, fetchReplyEmail, saveReplyEmail } from "./reply-email-api";

type Deps = { token: string; pageUrl: string; t: ReplyEmailStrings; /** The address on file changed (null: none). */ onAddress(address: string | null): void };

/**
 * The "Email me when they reply" control under the chat's header: opt-in with
 * the plainly worded consent, then "We'll email … / Stop emails". Hidden when
 * the server offers no reply emails. Results show in a status line, failures
 * in an alert.
 */
export async function mountReplyEmailControl(after: Element, d: Deps): Promise<void> {
  let email: string | null;
  try {
    email = await fetchReplyEmail(d.token);
  } catch {
    return; // not offered (no SMTP server): nothing to show
  }
  const section = el("section", { class: "reply-email", "aria-label": d.t.offer });
  const status = el("p", { role: "status" });
  const alert = el("p", { role: "alert", class: "error" });
  after.after(section);

  const showSaved = (address: string): void => {
    d.onAddress(address);
    const stop = el("button", { type: "button", class: "secondary" }, d.t.stop);
    stop.addEventListener(
      "click",
      () => void deleteReplyEmail(d.token).then((ok) => (ok ? showOffer(d.t.stopped) : (alert.textContent = d.t.failed("please try again")))),
    );
    status.textContent = d.t.saved(address);
    alert.textContent = "";
    section.replaceChildren(status, stop, alert);
  };
  const showOffer = (note = ""): void => {
    d.onAddress(null);
    const offer = el("button", { type: "button", class: "secondary" }, d.t.offer);
    offer.addEventListener("click", showForm);
    status.textContent = note;
    section.replaceChildren(offer, status, alert);
  };
  function showForm(): void {
    const input = el("input", { id: "reply-email", type: "email", required: "", autocomplete: "email", maxlength: "254" });
    const cancel = el("button", { type: "button", class: "secondary" }, d.t.cancel);
    const form = el(
      "form",
      {},
      undefined,
      el("p", { id: "reply-email-consent" }, d.t.consent),
      el("label", { for: "reply-email" }, d.t.emailLabel),
      input,
      el("div", { class: "actions" }, undefined, cancel, el("button", { type: "submit" }, d.t.save)),
    );
    input.setAttribute("aria-describedby", "reply-email-consent");
    cancel.addEventListener("click", () => showOffer());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!input.checkValidity()) return void input.reportValidity();
      const address = input.value.trim();
      void saveReplyEmail(d.token, address, d.pageUrl).then((refusal) => (refusal ? (alert.textContent = d.t.failed(refusal)) : showSaved(address)));
    });
    section.replaceChildren(form, alert);
    input.focus();
  }
  if (email) showSaved(email);
  else showOffer();
}
