// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { RATING_STRINGS } from "../../lib/widget-i18n/rating-strings";
import { mountRatingForm } from "./rating-form";

const t = RATING_STRINGS.en;
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const form = mountRatingForm(t, "Demo <shop>");
  document.body.replaceChildren(form.element);
  const root = form.element;
  const radio = (n: number) => root.querySelector<HTMLInputElement>(`input[value="${n}"]`)!;
  const button = (name: string) => [...root.querySelectorAll("button")].find((b) => b.textContent === name)!;
  const alert = root.querySelector('[role="alert"]')!;
  const status = root.querySelector('[role="status"]')!;
  return { form, root, radio, send: button(t.send), skip: button(t.skip), alert, status, comment: root.querySelector("textarea")! };
}

describe("rating form", () => {
  it("is hidden until shown; five named radios in a fieldset, a labelled comment and the disclosure as text", () => {
    const { form, root, radio } = setup();
    expect(root.hidden).toBe(true);
    form.show();
    expect(root.hidden).toBe(false);
    expect(root.querySelector("fieldset legend")?.textContent).toBe(t.question);
    expect([1, 2, 3, 4, 5].map((n) => radio(n).closest("label")?.textContent)).toEqual(["★1 star", "★2 stars", "★3 stars", "★4 stars", "★5 stars"]);
    expect(root.querySelector("label.comment")?.textContent).toBe(t.commentLabel);
    expect(root.querySelector(".disclosure")?.textContent).toContain("Your score is shared with Demo <shop>.");
    expect(root.querySelector(".disclosure")?.textContent).toContain("comment is end-to-end encrypted");
  });

  it("asks for a score before sending (alert), then sends score and comment and thanks (status)", async () => {
    const { form, radio, send, alert, status, comment } = setup();
    const submit = vi.fn(async () => {});
    form.onSubmit(submit);
    form.show();
    send.click();
    expect(alert.textContent).toBe(t.chooseScore);
    expect(submit).not.toHaveBeenCalled();
    radio(4).click();
    comment.value = "Very kind";
    send.click();
    await settle();
    expect(submit).toHaveBeenCalledWith({ score: 4, comment: "Very kind" });
    expect(alert.textContent).toBe("");
    expect(status.textContent).toBe(t.thanks);
  });

  it("shows the server's refusal and lets the visitor try again", async () => {
    const { form, radio, send, alert, root } = setup();
    form.onSubmit(async () => Promise.reject(new Error("This conversation has already been rated")));
    form.show();
    radio(2).click();
    send.click();
    await settle();
    expect(alert.textContent).toBe(t.failed("This conversation has already been rated"));
    expect(root.querySelector("form")?.hidden).toBe(false);
    expect(send.disabled).toBe(false);
  });

  it("showing it again while shown keeps the visitor's choice and the message", () => {
    const { form, radio, send, alert } = setup();
    form.show();
    send.click();
    radio(3).click();
    form.show();
    expect(alert.textContent).toBe(t.chooseScore);
    expect(radio(3).checked).toBe(true);
  });

  it("Skip hides it and says so to its handler", () => {
    const { form, skip, root } = setup();
    const skipped = vi.fn();
    form.onSkip(skipped);
    form.show();
    skip.click();
    expect(root.hidden).toBe(true);
    expect(skipped).toHaveBeenCalledOnce();
  });
});
