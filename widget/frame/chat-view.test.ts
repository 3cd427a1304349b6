// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { WIDGET_CATALOGUE } from "../../lib/widget-i18n/catalogue";
import { DELETE_STRINGS } from "../../lib/widget-i18n/delete-strings";
import { mountChatView } from "./chat-view";

const t = WIDGET_CATALOGUE.en;

function setup() {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  return { root, view: mountChatView(root, t, DELETE_STRINGS.en) };
}

describe("mountChatView", () => {
  it("shows End while a conversation is open and New conversation once it ended, hiding the composer", () => {
    const { root, view } = setup();
    const end = root.querySelector<HTMLButtonElement>("button.end")!;
    const restart = root.querySelector<HTMLButtonElement>("button.restart")!;
    const form = root.querySelector<HTMLFormElement>("form.composer")!;
    view.setConversationState("open");
    expect([end.hidden, restart.hidden, form.hidden]).toEqual([false, true, false]);
    view.setConversationState("closed");
    expect([end.hidden, restart.hidden, form.hidden]).toEqual([true, false, true]);
    view.renderMessages([{ id: "$1", sender: "@a:hs", senderName: "A", mine: false, body: "old", timestamp: 1, state: "sent", encrypted: true }]);
    view.setConversationState("none");
    expect(root.querySelectorAll("ol.messages li")).toHaveLength(0);
    expect(form.hidden).toBe(false);
  });

  it("open in another tab hides the composer", () => {
    const { root, view } = setup();
    view.setOpenElsewhere(true);
    expect(root.querySelector<HTMLFormElement>("form.composer")!.hidden).toBe(true);
    view.setOpenElsewhere(false);
    expect(root.querySelector<HTMLFormElement>("form.composer")!.hidden).toBe(false);
  });

  it("Escape and the × button close the chat", () => {
    const { root, view } = setup();
    const close = vi.fn();
    view.onClose(close);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", cancelable: true }));
    root.querySelector<HTMLButtonElement>("button.close")!.click();
    expect(close).toHaveBeenCalledTimes(2);
  });

  it("names the agent in the header, with initials until their avatar loads", () => {
    const { root, view } = setup();
    view.setAgent({ name: "Alice Martin" });
    expect(root.querySelector("h1")!.textContent).toBe("Alice Martin");
    expect(root.querySelector(".avatar")!.textContent).toBe("AM");
    view.setAgent(null);
    expect(root.querySelector("h1")!.textContent).toBe(t.title);
    expect(root.querySelector<HTMLElement>(".avatar")!.hidden).toBe(true);
  });

  it("errors are alerts; typing names who types", () => {
    const { root, view } = setup();
    view.showError("Could not end");
    expect(root.querySelector(".error[role=alert]")!.textContent).toBe("Could not end");
    view.setTyping("Alice");
    expect(root.querySelector(".typing")!.textContent).toBe(t.typing("Alice"));
  });
});
