import { RATING_COMMENT_MAX } from "../../lib/rating/rating-comment";
import { RATING_MAX, RATING_MIN } from "../../lib/rating/rating-scale";
import type { RatingStrings } from "../../lib/widget-i18n/rating-strings";
import { el } from "./dom";

/** What the visitor chose: a score (1-5) and an optional comment. */
export type RatingChoice = { score: number; comment: string };

/** The rating question at close: see {@link mountRatingForm}. */
export type RatingForm = {
  element: HTMLElement;
  show(): void;
  hide(): void;
  /** What "Send rating" does; a rejection's message is shown in the form's alert and the visitor can try again. */
  onSubmit(handler: (choice: RatingChoice) => Promise<void>): void;
  onSkip(handler: () => void): void;
};

/**
 * The rating question: five native radio buttons in a fieldset (arrow keys move
 * between them, screen readers say "4 stars, 4 of 5"), the plain statement of
 * what goes where, an optional comment, Send and Skip. Thanks and errors are
 * announced (role status / alert). Text goes in as textContent only.
 */
export function mountRatingForm(t: RatingStrings, siteName: string): RatingForm {
  const stars = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => i + RATING_MIN).map((n) => {
    const input = el("input", { type: "radio", name: "rating-score", value: String(n), class: "visually-hidden" });
    const label = el(
      "label",
      { class: "star" },
      undefined,
      input,
      el("span", { "aria-hidden": "true" }, "★"),
      el("span", { class: "visually-hidden" }, t.stars(n)),
    );
    return { n, input, label };
  });
  const legend = el("legend", {}, t.question);
  const comment = el("textarea", { name: "rating-comment", rows: "2", maxlength: String(RATING_COMMENT_MAX) });
  const send = el("button", { type: "submit" }, t.send);
  const skip = el("button", { type: "button", class: "secondary" }, t.skip);
  const status = el("p", { role: "status" });
  const error = el("p", { class: "error", role: "alert" });
  const form = el(
    "form",
    { novalidate: "" },
    undefined,
    el("fieldset", { class: "stars" }, undefined, legend, ...stars.map((s) => s.label)),
    el("p", { class: "disclosure" }, t.disclosure(siteName)),
    el("label", { class: "comment" }, t.commentLabel, comment),
    el("p", { class: "actions" }, undefined, send, skip),
  );
  const section = el("section", { class: "rating", "aria-label": t.question, hidden: "" }, undefined, form, error, status);
  // The chosen star and the ones before it light up (the radios carry the state).
  const paint = (): void => {
    const chosen = stars.find((s) => s.input.checked)?.n ?? 0;
    for (const s of stars) s.label.classList.toggle("lit", s.n <= chosen);
  };
  form.addEventListener("change", paint);

  let submit: (c: RatingChoice) => Promise<void> = async () => {};
  let skipped: () => void = () => {};
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const score = Number(stars.find((s) => s.input.checked)?.n ?? 0);
    error.textContent = "";
    if (!score) {
      error.textContent = t.chooseScore;
      stars[0]?.input.focus();
      return;
    }
    send.disabled = skip.disabled = true;
    status.textContent = t.sending;
    submit({ score, comment: comment.value })
      .then(() => {
        form.hidden = true;
        status.textContent = t.thanks;
      })
      .catch((err: Error) => {
        status.textContent = "";
        error.textContent = t.failed(err.message);
      })
      .finally(() => (send.disabled = skip.disabled = false));
  });
  skip.addEventListener("click", () => {
    section.hidden = true;
    skipped();
  });
  return {
    element: section,
    show() {
      if (!section.hidden) return; // shown already: keep what the visitor chose and any message
      form.reset(); // a new conversation's question starts blank
      paint();
      form.hidden = false;
      status.textContent = error.textContent = "";
      section.hidden = false;
    },
    hide: () => void (section.hidden = true),
    onSubmit: (h) => void (submit = h),
    onSkip: (h) => void (skipped = h),
  };
}
