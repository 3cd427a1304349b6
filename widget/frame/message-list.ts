import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { sanitizeMatrixHtml } from "../../lib/matrix/sanitize-matrix-html";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { el } from "./dom";

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

/** The conversation's messages: see {@link mountMessageList}. */
export type MessageList = ReturnType<typeof mountMessageList>;

/**
 * The list of messages, a polite live region. User-supplied text goes in as
 * textContent, HTML only through the Matrix allow-list sanitiser; a message the
 * server could have forged shows as a neutral notice. Updates are keyed, so the
 * live region announces only new messages.
 */
export function mountMessageList(t: WidgetStrings) {
  const list = el("ol", { class: "messages", "aria-live": "polite", "aria-relevant": "additions", "aria-label": t.messages, tabindex: "0" });
  let retryHandler: () => void = () => {};
  let loadAttachment: ((m: ViewMessage) => Promise<string>) | null = null;
  const attachmentUrls = new Map<string, Promise<string>>();
  const url = (m: ViewMessage): Promise<string> => {
    let p = attachmentUrls.get(m.id);
    if (!p && loadAttachment) {
      p = loadAttachment(m);
      attachmentUrls.set(m.id, p);
      p.catch(() => attachmentUrls.delete(m.id));
    }
    return p ?? Promise.reject(new Error("no loader"));
  };
  const node = messageNode(t, url, () => retryHandler());

  const render = (messages: ViewMessage[]): void => {
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const existing = new Map<string, HTMLElement>();
    for (const child of Array.from(list.children) as HTMLElement[]) existing.set(child.dataset.id ?? "", child);
    let cursor: Element | null = list.firstElementChild;
    for (const m of messages) {
      let item = existing.get(m.id);
      const key = keyOf(m);
      if (!item || item.dataset.key !== key) {
        const fresh = node(m);
        fresh.dataset.id = m.id;
        fresh.dataset.key = key;
        if (item) item.replaceWith(fresh);
        if (cursor === item) cursor = fresh;
        item = fresh;
      }
      existing.delete(m.id);
      if (cursor !== item) list.insertBefore(item, cursor);
      cursor = item.nextElementSibling;
    }
    for (const stale of existing.values()) stale.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  };

  return {
    element: list,
    render,
    clear: (): void => list.replaceChildren(),
    onRetry: (h: () => void): void => void (retryHandler = h),
    /** Fetches and decrypts an attachment; resolves with an object URL. */
    setAttachmentLoader: (load: (m: ViewMessage) => Promise<string>): void => void (loadAttachment = load),
  };
}

const keyOf = (m: ViewMessage): string => JSON.stringify([m.state, m.held, m.body, m.html, m.senderName, m.attachment?.file.url]);

function messageNode(t: WidgetStrings, url: (m: ViewMessage) => Promise<string>, retry: () => void) {
  const STATE: Record<ViewMessage["state"], string> = {
    pending: t.sending,
    sent: t.sent,
    seen: t.seen,
    failed: t.failed,
    decrypting: t.decrypting,
    undecryptable: t.undecryptable,
    unverified: t.unverifiedHidden,
  };
  return (m: ViewMessage): HTMLLIElement => {
    // A message the server could have forged: a neutral notice, without its text or the sender's name.
    if (m.state === "unverified") return el("li", { class: "unverified", "data-state": m.state }, STATE[m.state]);
    if (m.membership) return el("li", { class: "membership" }, m.body);
    const li = el("li", { class: `${m.mine ? "mine" : "theirs"}${m.prechat ? " prechat" : ""}`, "data-state": m.state });
    li.append(el("span", { class: "sender" }, m.mine ? t.you : m.senderName));
    if (m.state === "decrypting" || m.state === "undecryptable") {
      li.append(el("em", { class: "body" }, STATE[m.state]));
      return li;
    }
    if (m.attachment) li.append(attachmentNode(t, m, url(m)));
    else if (m.html) li.append(el("div", { class: "body" }, undefined, sanitizeMatrixHtml(m.html)));
    else li.append(el("p", { class: "body" }, m.body));
    if (m.mine) {
      li.append(el("span", { class: "meta" }, m.held && m.state === "pending" ? t.held : STATE[m.state]));
      if (m.held) li.dataset.held = "true";
      if (m.state === "failed") {
        const button = el("button", { type: "button", class: "retry" }, t.retry);
        button.addEventListener("click", retry);
        li.append(button);
      }
    }
    return li;
  };
}

function attachmentNode(t: WidgetStrings, m: ViewMessage, url: Promise<string>): HTMLElement {
  const a = m.attachment!;
  const box = el("div", { class: "attachment" });
  if (a.kind === "image") {
    const img = el("img", { alt: t.attachment(a.name) });
    void url.then(
      (u) => img.setAttribute("src", u),
      () => img.replaceWith(el("span", {}, t.attachment(a.name))),
    );
    box.append(img);
  } else {
    const link = el("a", { class: "file", href: "#", download: a.name }, t.download(a.name));
    void url.then(
      (u) => link.setAttribute("href", u),
      () => {},
    );
    box.append(link);
  }
  return box;
}
