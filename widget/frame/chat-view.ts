import type { ChatMessage } from "../../lib/matrix/timeline-messages";

/** Handles to the chat UI. Everything user-supplied goes in as textContent: inert by construction. */
export type ChatView = {
  setStatus(text: string, busy?: boolean): void;
  setNotice(text: string): void;
  showError(text: string): void;
  renderMessages(messages: ChatMessage[], myUserId: string, agentName: (userId: string) => string): void;
  onSend(handler: (text: string) => void): void;
  onClose(handler: () => void): void;
  onEnd(handler: () => void): void;
  onRestart(handler: () => void): void;
  /** Shows whether the visitor can end the conversation, or start a new one after it ended. */
  setConversationState(state: "none" | "open" | "closed"): void;
  enableComposer(): void;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const STATE_TEXT: Record<ChatMessage["state"], string> = {
  sent: "",
  pending: "Sending…",
  failed: "Not sent",
  decrypting: "Decrypting…",
  undecryptable: "This message could not be decrypted",
};

export function mountChatView(root: HTMLElement): ChatView {
  root.replaceChildren();
  const header = el("header");
  header.append(el("h1", {}, "Support"));
  const end = el("button", { type: "button", class: "end", hidden: "" }, "End chat");
  const close = el("button", { type: "button", class: "close", "aria-label": "Minimise chat" }, "×");
  header.append(end, close);
  const restart = el("button", { type: "button", class: "restart", hidden: "" }, "Start a new conversation");
  const status = el("p", { class: "status", role: "status" });
  const notice = el("p", { class: "notice", role: "status" });
  const list = el("ol", { class: "messages", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "Messages" });
  const form = el("form", { class: "composer" });
  const label = el("label", { for: "message", class: "visually-hidden" }, "Message");
  const input = el("textarea", { id: "message", rows: "2", placeholder: "Write a message…", disabled: "" });
  const send = el("button", { type: "submit", disabled: "" }, "Send");
  const error = el("p", { class: "error", role: "alert" });
  form.append(label, input, send);
  root.append(header, status, notice, list, error, restart, form);

  let sendHandler: (text: string) => void = () => {};
  const submit = (): void => {
    const text = input.value.trim();
    if (!text || input.disabled) return;
    input.value = "";
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
    renderMessages(messages, myUserId, agentName) {
      const items = messages.map((m) => {
        const mine = m.sender === myUserId;
        const li = el("li", { class: mine ? "mine" : "theirs", "data-state": m.state });
        li.append(el("span", { class: "sender" }, mine ? "You" : agentName(m.sender)));
        const showBody = m.state === "sent" || m.state === "pending" || m.state === "failed";
        li.append(el(showBody ? "p" : "em", { class: "body" }, showBody ? m.body : STATE_TEXT[m.state]));
        if (STATE_TEXT[m.state] && showBody) li.append(el("span", { class: "meta" }, STATE_TEXT[m.state]));
        return li;
      });
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      list.replaceChildren(...items);
      if (atBottom) list.scrollTop = list.scrollHeight;
    },
    onSend(handler) {
      sendHandler = handler;
    },
    onClose(handler) {
      close.addEventListener("click", handler);
    },
    onEnd(handler) {
      end.addEventListener("click", handler);
    },
    onRestart(handler) {
      restart.addEventListener("click", handler);
    },
    setConversationState(state) {
      end.hidden = state !== "open";
      restart.hidden = state !== "closed";
      form.hidden = state === "closed";
      if (state === "none") list.replaceChildren();
    },
    enableComposer() {
      input.removeAttribute("disabled");
      send.removeAttribute("disabled");
      input.focus();
    },
  };
}
