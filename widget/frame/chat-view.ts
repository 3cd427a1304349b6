import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { DeleteStrings } from "../../lib/widget-i18n/delete-strings";
import { mountBanners } from "./banners";
import { mountComposer } from "./composer";
import { mountDeleteControl } from "./delete-control";
import { el } from "./dom";
import { mountMessageList, type ViewMessage } from "./message-list";
import type { PrechatAnswers } from "./prechat-form";

export type { ViewMessage } from "./message-list";

/** Handles to the chat UI. User-supplied text goes in as textContent, HTML only through the Matrix allow-list sanitiser. */
export type ChatView = {
  setStatus(text: string, busy?: boolean): void;
  setNotice(text: string): void;
  showError(text: string): void;
  /** A standing security warning (why nothing is sent), or null to clear it. */
  setWarning(text: string | null): void;
  /** Degraded mode: one "Continue with … present" button per member the visitor has not confirmed yet. */
  setConfirm(userIds: string[], onConfirm: (userId: string) => void): void;
  /** A standing, non-urgent note that this embed carries no organisation key (not an alert: nothing is wrong right now). */
  setUnverified(unverified: boolean): void;
  setAgent(agent: { name: string; avatarUrl?: string } | null): void;
  setTyping(name: string | null): void;
  renderMessages(messages: ViewMessage[]): void;
  onSend(handler: (text: string) => void): void;
  onAttach(handler: (file: File) => void): void;
  onRetry(handler: () => void): void;
  onTyping(handler: (typing: boolean) => void): void;
  onClose(handler: () => void): void;
  onEnd(handler: () => void): void;
  onRestart(handler: () => void): void;
  /** What a confirmed "Delete this conversation" does (a rejection is shown in its dialog). */
  onDelete(handler: () => Promise<void>): void;
  /** Sets what "Use the chat here" does (replaces the previous handler). */
  onTakeOver(handler: () => void): void;
  /** Fetches and decrypts an attachment; resolves with an object URL. */
  setAttachmentLoader(load: (m: ViewMessage) => Promise<string>): void;
  /** Shows whether the visitor can end the conversation, or start a new one after it ended. */
  setConversationState(state: "none" | "open" | "closed"): void;
  /** Another tab runs the chat: hide the composer and offer to take over. */
  setOpenElsewhere(elsewhere: boolean): void;
  enableComposer(): void;
  askPrechat(): Promise<PrechatAnswers | null>;
};

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}

/** The whole chat: header, banners, message list, composer. Each part lives in its own file. */
export function mountChatView(root: HTMLElement, t: WidgetStrings, deleteStrings: DeleteStrings): ChatView {
  root.replaceChildren();
  document.title = t.title;
  const header = el("header");
  const avatar = el("span", { class: "avatar", "aria-hidden": "true" });
  const heading = el("h1", {}, t.title);
  const end = el("button", { type: "button", class: "end", hidden: "" }, t.endChat);
  const close = el("button", { type: "button", class: "close", "aria-label": t.minimise }, "×");
  header.append(avatar, heading, end, close);
  const { elements: bannerNodes, ...banners } = mountBanners(root, t);
  const list = mountMessageList(t);
  const composer = mountComposer(t);
  const typing = el("p", { class: "typing", "aria-live": "polite" });
  const restart = el("button", { type: "button", class: "restart", hidden: "" }, t.newConversation);
  const error = el("p", { class: "error", role: "alert" });
  const deletion = mountDeleteControl(deleteStrings);
  root.append(header, ...bannerNodes, list.element, typing, error, restart, ...deletion.elements, ...composer.elements);

  // Escape closes the chat wherever focus is in the frame; the loader returns focus to the bubble.
  let closeHandler: () => void = () => {};
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      closeHandler();
    }
  });
  close.addEventListener("click", () => closeHandler());

  return {
    ...banners,
    showError: (text) => void (error.textContent = text),
    setAgent(agent) {
      heading.textContent = agent?.name ?? t.title;
      avatar.replaceChildren();
      avatar.hidden = !agent;
      if (!agent) return;
      if (agent.avatarUrl) avatar.append(el("img", { src: agent.avatarUrl, alt: "" }));
      else avatar.textContent = initials(agent.name);
    },
    setTyping: (name) => void (typing.textContent = name ? t.typing(name) : ""),
    renderMessages: list.render,
    onSend: composer.onSend,
    onAttach: composer.onAttach,
    onRetry: list.onRetry,
    onTyping: composer.onTyping,
    onClose: (handler) => void (closeHandler = handler),
    onEnd: (handler) => end.addEventListener("click", handler),
    onRestart: (handler) => restart.addEventListener("click", handler),
    onDelete: deletion.onConfirm,
    setAttachmentLoader: list.setAttachmentLoader,
    setConversationState(state) {
      end.hidden = state !== "open";
      restart.hidden = state !== "closed";
      deletion.setVisible(state !== "none");
      composer.setHidden(state === "closed");
      if (state === "none") list.clear();
    },
    setOpenElsewhere(isElsewhere) {
      banners.setOpenElsewhere(isElsewhere);
      composer.setHidden(isElsewhere);
    },
    enableComposer: composer.enable,
    askPrechat: composer.askPrechat,
  };
}
