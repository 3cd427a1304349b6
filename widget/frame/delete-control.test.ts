// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import { DELETE_STRINGS } from "../../lib/widget-i18n/delete-strings";
import { mountChatView } from "./chat-view";

const d = DELETE_STRINGS.en;

function setup() {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const view = mountChatView(root, WIDGET_CATALOGUE.en, d);
  const button = [...root.querySelectorAll("button")].find((b) => b.textContent === d.deleteConversation)!;
  const dialog = root.querySelector<HTMLElement>('[role="alertdialog"]')!;
  const buttonIn = (name: string) => [...dialog.querySelectorAll("button")].find((b) => b.textContent === name)!;
  return { root, view, button, dialog, confirm: buttonIn(d.confirmDelete), cancel: buttonIn(d.cancel) };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("Delete this conversation", () => {
  it("shows only while there is a conversation, open or ended", () => {
    const { view, button } = setup();
    expect(button.hidden).toBe(true);
    view.setConversationState("open");
    expect(button.hidden).toBe(false);
    view.setConversationState("closed");
    expect(button.hidden).toBe(false);
    view.setConversationState("none");
    expect(button.hidden).toBe(true);
  });

  it("asks first in an alertdialog that says what goes, with focus on Cancel; Cancel and Escape delete nothing and keep the chat open", () => {
    const { view, button, dialog, cancel } = setup();
    const onDelete = vi.fn(async () => {});
    const onClose = vi.fn();
    view.onDelete(onDelete);
    view.onClose(onClose);
    view.setConversationState("open");
    button.click();
    expect(dialog.hidden).toBe(false);
    expect(document.getElementById(dialog.getAttribute("aria-describedby")!)?.textContent).toMatch(
      /deleted from our server.*encryption keys.*account.*may already have read/,
    );
    expect(document.activeElement).toBe(cancel);
    cancel.click();
    expect(dialog.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    button.click();
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(dialog.hidden).toBe(true);
    expect(onClose).not.toHaveBeenCalled();
    expect(onDelete).not.toHaveBeenCalled();
  });

  it("deletes on confirmation; a refusal is announced in the dialog, which stays open", async () => {
    const { view, button, dialog, confirm } = setup();
    const onDelete = vi.fn().mockRejectedValueOnce(new Error("That room is not one of your conversations")).mockResolvedValueOnce(undefined);
    view.onDelete(onDelete);
    view.setConversationState("closed");
    button.click();
    confirm.click();
    await settle();
    expect(dialog.hidden).toBe(false);
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe(d.couldNotDelete("That room is not one of your conversations"));
    confirm.click();
    await settle();
    expect(onDelete).toHaveBeenCalledTimes(2);
    expect(dialog.hidden).toBe(true);
  });
});

describe("DELETE_STRINGS", () => {
  it("every widget language has every string", () => {
    expect(Object.keys(DELETE_STRINGS).sort()).toEqual(Object.keys(WIDGET_CATALOGUE).sort());
    const keys = Object.keys(d).sort();
    for (const strings of Object.values(DELETE_STRINGS)) expect(Object.keys(strings).sort()).toEqual(keys);
  });
});
