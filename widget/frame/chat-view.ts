import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { sanitizeMatrixHtml } from "../../lib/matrix/sanitize-matrix-html";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { el } from "./dom";
import { mountPrechatForm, type PrechatAnswers } from "./prechat-form";

/** A message as the view shows it: who sent it and, for the visitor's own, how far it got. */
export type ViewMessage = Omit<ChatMessage, "state"> & {
  mine: boolean;
  senderName: string;
  state: ChatMessage["state"] | "seen";
  /** The visitor's own file while it is on its way (shown from memory). */
  localFile?: Blob;
  /** Held back by the roster guard (the warning says why): the bubble says "Held", not "Sending…". */
  held?: boolean;
  /** A membership change ("… joined"): `body` is the whole line. */
  membership?: boolean;
};

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
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export function mountChatView(root: HTMLElement, t: WidgetStrings): ChatView {
  root.replaceChildren();
  document.title = t.title;
  const header = el("header");
  const avatar = el("span", { class: "avatar", "aria-hidden": "true" });
  const heading = el("h1", {}, t.title);
  const end = el("button", { type: "button", class: "end", hidden: "" }, t.endChat);
  const close = el("button", { type: "button", class: "close", "aria-label": t.minimise }, "×");
  header.append(avatar, heading, end, close);
  const status = el("p", { class: "status", role: "status" });
  const notice = el("p", { class: "notice", role: "status" });
  const elsewhere = el("div", { class: "elsewhere", hidden: "" });
  const takeOver = el("button", { type: "button" }, t.useHere);
  elsewhere.append(el("p", {}, t.openElsewhere), takeOver);
  const list = el("ol", { class: "messages", "aria-live": "polite", "aria-relevant": "additions", "aria-label": t.messages, tabindex: "0" });
  const typing = el("p", { class: "typing", "aria-live": "polite" });
  const restart = el("button", { type: "button", class: "restart", hidden: "" }, t.newConversation);
  const prechatSlot = el("div");
  const form = el("form", { class: "composer" });
  const label = el("label", { for: "message", class: "visually-hidden" }, t.messageLabel);
  const input = el("textarea", { id: "message", rows: "2", placeholder: t.placeholder, disabled: "" });
  const fileInput = el("input", { type: "file", id: "attach", class: "visually-hidden", tabindex: "-1", "aria-hidden": "true" });
  const attach = el("button", { type: "button", class: "attach", "aria-label": t.attach, title: t.attach, disabled: "" }, "+");
  const send = el("button", { type: "submit", disabled: "" }, t.send);
  const error = el("p", { class: "error", role: "alert" });
  const warning = el("p", { class: "warning", role: "alert" });
  const unverified = el("p", { class: "warning unverified" });
  const confirmBox = el("div", { class: "confirm-members" });
  form.append(label, attach, fileInput, input, send);
  root.append(header, status, notice, warning, confirmBox, unverified, elsewhere, list, typing, error, restart, prechatSlot, form);

  let sendHandler: (text: string) => void = () => {};
  let typingHandler: (typing: boolean) => void = () => {};
  let retryHandler: () => void = () => {};
  let takeOverHandler: () => void = () => {};
  takeOver.addEventListener("click", () => takeOverHandler());
  let loadAttachment: ((m: ViewMessage) => Promise<string>) | null = null;
  const attachmentUrls = new Map<string, Promise<string>>();

  const submit = (): void => {
    const text = input.value.trim();
    if (!text || input.disabled) return;
    input.value = "";
    typingHandler(false);
    sendHandler(text);
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

  const attachmentNode = (m: ViewMessage): HTMLElement => {
    const a = m.attachment!;
    const box = el("div", { class: "attachment" });
    const url = (): Promise<string> => {
      let p = attachmentUrls.get(m.id);
      if (!p && loadAttachment) {
        p = loadAttachment(m);
        attachmentUrls.set(m.id, p);
        p.catch(() => attachmentUrls.delete(m.id));
      }
      return p ?? Promise.reject(new Error("no loader"));
    };
    if (a.kind === "image") {
      const img = el("img", { alt: t.attachment(a.name) });
      void url().then((u) => img.setAttribute("src", u), () => img.replaceWith(el("span", {}, t.attachment(a.name))));
      box.append(img);
    } else {
      const link = el("a", { class: "file", href: "#", download: a.name }, t.download(a.name));
      void url().then((u) => link.setAttribute("href", u), () => {});
      box.append(link);
    }
    return box;
  };

  const STATE: Record<ViewMessage["state"], string> = {
    pending: t.sending, sent: t.sent, seen: t.seen, failed: t.failed, decrypting: t.decrypting, undecryptable: t.undecryptable, unverified: t.unverifiedHidden,
  };

  const messageNode = (m: ViewMessage): HTMLLIElement => {
    // A message the server could have forged: a neutral notice, without its text or the sender's name.
    if (m.state === "unverified") return el("li", { class: "unverified", "data-state": m.state }, STATE[m.state]);
    if (m.membership) return el("li", { class: "membership" }, m.body);
    const li = el("li", { class: `${m.mine ? "mine" : "theirs"}${m.prechat ? " prechat" : ""}`, "data-state": m.state });
    li.append(el("span", { class: "sender" }, m.mine ? t.you : m.senderName));
    if (m.state === "decrypting" || m.state === "undecryptable") {
      li.append(el("em", { class: "body" }, STATE[m.state]));
      return li;
    }
    if (m.attachment) li.append(attachmentNode(m));
    else if (m.html) li.append(el("div", { class: "body" }, undefined, sanitizeMatrixHtml(m.html)));
    else li.append(el("p", { class: "body" }, m.body));
    if (m.mine) {
      const meta = el("span", { class: "meta" }, m.held && m.state === "pending" ? t.held : STATE[m.state]);
      if (m.held) li.dataset.held = "true";
      li.append(meta);
      if (m.state === "failed") {
        const retry = el("button", { type: "button", class: "retry" }, t.retry);
        retry.addEventListener("click", () => retryHandler());
        li.append(retry);
      }
    }
    return li;
  };

  // Keyed update: existing items change in place and new ones are appended,
  // so the live region announces only new messages.
  const keyOf = (m: ViewMessage): string => JSON.stringify([m.state, m.held, m.body, m.html, m.senderName, m.attachment?.file.url]);
  const renderMessages = (messages: ViewMessage[]): void => {
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const existing = new Map<string, HTMLElement>();
    for (const child of Array.from(list.children) as HTMLElement[]) existing.set(child.dataset.id ?? "", child);
    let cursor: Element | null = list.firstElementChild;
    for (const m of messages) {
      let node = existing.get(m.id);
      const key = keyOf(m);
      if (node && node.dataset.key !== key) {
        const fresh = messageNode(m);
        fresh.dataset.id = m.id;
        fresh.dataset.key = key;
        node.replaceWith(fresh);
        if (cursor === node) cursor = fresh;
        node = fresh;
      }
      if (!node) {
        node = messageNode(m);
        node.dataset.id = m.id;
        node.dataset.key = key;
      }
      existing.delete(m.id);
      if (cursor !== node) list.insertBefore(node, cursor);
      cursor = node.nextElementSibling;
    }
    for (const stale of existing.values()) stale.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  };

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
    setStatus(text, busy = false) {
      status.textContent = text;
      root.setAttribute("aria-busy", String(busy));
    },
    setNotice(text) {
      notice.textContent = text;
    },
    showError(text) {
      error.textContent = text;
    },
    setWarning(text) {
      if (warning.textContent !== (text ?? "")) warning.textContent = text ?? "";
    },
    setConfirm(userIds, onConfirm) {
      const key = userIds.join("\n");
      if (confirmBox.dataset.key === key) return;
      confirmBox.dataset.key = key;
      confirmBox.replaceChildren(
        ...userIds.map((u) => {
          const b = el("button", { type: "button", class: "confirm" }, t.continueWith(u));
          b.addEventListener("click", () => onConfirm(u));
          return b;
        }),
      );
    },
    setUnverified(on) {
      unverified.textContent = on ? t.notVerified : "";
    },
    setAgent(agent) {
      heading.textContent = agent?.name ?? t.title;
      avatar.replaceChildren();
      avatar.hidden = !agent;
      if (!agent) return;
      if (agent.avatarUrl) avatar.append(el("img", { src: agent.avatarUrl, alt: "" }));
      else avatar.textContent = initials(agent.name);
    },
    setTyping(name) {
      typing.textContent = name ? t.typing(name) : "";
    },
    renderMessages,
    onSend(handler) {
      sendHandler = handler;
    },
    onAttach(handler) {
      fileInput.addEventListener("change", () => {
        const file = fileInput.files?.[0];
        fileInput.value = "";
        if (file) handler(file);
      });
    },
    onRetry(handler) {
      retryHandler = handler;
    },
    onTyping(handler) {
      typingHandler = handler;
    },
    onClose(handler) {
      closeHandler = handler;
    },
    onEnd(handler) {
      end.addEventListener("click", handler);
    },
    onRestart(handler) {
      restart.addEventListener("click", handler);
    },
    onTakeOver(handler) {
      takeOverHandler = handler;
    },
    setAttachmentLoader(load) {
      loadAttachment = load;
    },
    setConversationState(state) {
      end.hidden = state !== "open";
      restart.hidden = state !== "closed";
      form.hidden = state === "closed";
      if (state === "none") list.replaceChildren();
    },
    setOpenElsewhere(isElsewhere) {
      elsewhere.hidden = !isElsewhere;
      form.hidden = isElsewhere;
      if (isElsewhere) takeOver.focus();
    },
    enableComposer() {
      for (const c of [input, send, attach]) c.removeAttribute("disabled");
      input.focus();
    },
    askPrechat() {
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
