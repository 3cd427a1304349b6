import type { MatrixClient, MatrixEvent, Room } from "matrix-js-sdk";
import type { HistoryStrings } from "../../lib/widget-i18n/history-strings";

// The same strings as CONVERSATION_EVENT, ROUTING_EVENT and PRECHAT_FIELD in lib/conversation/event-types.ts (a test
// checks): importing that module here would split the frame's start chunks (see history-choice.ts).
export const CONVERSATION_TYPE = "org.sealdesk.conversation";
export const ROUTING_TYPE = "org.sealdesk.routing";
/** PRECHAT_FIELD: a pre-chat or verified customer's details notice, not the conversation's first line. */
export const PRECHAT_KEY = "org.sealdesk.prechat";

/** One of the visitor's conversations as the list shows it: decrypted here, in the browser. */
export type PastConversation = { roomId: string; startedAt: number; firstLine: string | null; closed: boolean };

/** The text of a message, or null when it is not readable here (no key: the SDK's placeholder is no text of theirs). */
const textOf = (e: MatrixEvent | undefined): string | null => {
  const body = e?.getContent().body;
  return e && e.getType() === "m.room.message" && !e.isDecryptionFailure() && typeof body === "string" ? body : null;
};

// Messages, and encrypted events not decrypted here (no key): those are shown as not readable, not hidden.
const messagesOf = (room: Room): MatrixEvent[] =>
  room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.getType() === "m.room.message" || e.getType() === "m.room.encrypted");

/** The visitor's conversations with at least one message (a prepared, unused room is none), newest first. */
export function pastConversations(client: MatrixClient): PastConversation[] {
  return client
    .getRooms()
    .filter((r) => r.getMyMembership() === "join" && r.currentState.getStateEvents(CONVERSATION_TYPE as never, "") && messagesOf(r).length > 0)
    .map((r) => {
      const first = messagesOf(r).find((e) => !(PRECHAT_KEY in e.getContent()));
      const body = textOf(first);
      const routing = r.currentState.getStateEvents(ROUTING_TYPE as never, "")?.getContent() as { status?: string } | undefined;
      return {
        roomId: r.roomId,
        startedAt: r.currentState.getStateEvents("m.room.create", "")?.getTs() ?? first?.getTs() ?? 0,
        firstLine: body === null ? null : (body.split("\n")[0] ?? ""),
        closed: routing?.status === "closed",
      };
    })
    .sort((a, b) => b.startedAt - a.startedAt);
}

/** The conversation's messages as text lines (sender's side and body), decrypted here; null bodies are not readable (yet). */
export function conversationLines(client: MatrixClient, roomId: string): { mine: boolean; body: string | null }[] {
  const room = client.getRoom(roomId);
  if (!room) return [];
  return messagesOf(room).map((e) => ({ mine: e.getSender() === client.getUserId(), body: textOf(e) }));
}

type Make = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string>, text?: string, ...children: Node[]) => HTMLElementTagNameMap[K];

/**
 * "Your conversations": a button that opens the list of the visitor's
 * conversations (newest first, date and first line), each readable in place
 * (closed ones too); the list follows decryption as keys arrive (a restored
 * backup). Text only, through textContent.
 */
export function mountPastConversations(client: MatrixClient, s: HistoryStrings, lang: string, el: Make): HTMLElement {
  const toggle = el("button", { type: "button", class: "past-toggle", "aria-expanded": "false" }, s.pastTitle);
  const panel = el("div", { class: "past-panel", hidden: "" });
  const section = el("section", { class: "past-conversations", "aria-label": s.pastTitle }, undefined, toggle, panel);
  let reading: string | null = null;
  const date = (ts: number): string => new Date(ts).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
  const render = (): void => {
    if (panel.hidden) return;
    if (reading) {
      const back = el("button", { type: "button" }, s.back);
      back.addEventListener("click", () => {
        reading = null;
        render();
      });
      const lines = conversationLines(client, reading).map((l) => el("li", { class: l.mine ? "mine" : "theirs" }, l.body ?? s.unreadable));
      panel.replaceChildren(back, el("ol", { class: "past-messages", "aria-label": s.pastTitle }, undefined, ...lines));
      return;
    }
    const items = pastConversations(client).map((c) => {
      const open = el(
        "button",
        { type: "button", "data-room": c.roomId },
        `${date(c.startedAt)} · ${c.closed ? s.closed : s.open} · ${c.firstLine ?? s.unreadable}`,
      );
      open.addEventListener("click", () => {
        reading = c.roomId;
        render();
      });
      return el("li", {}, undefined, open);
    });
    panel.replaceChildren(items.length ? el("ul", {}, undefined, ...items) : el("p", {}, s.pastEmpty));
  };
  toggle.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
    reading = null;
    render();
  });
  // Bodies appear as keys arrive (a restored key backup): the client re-emits each decryption.
  // (MatrixEventEvent.Decrypted by name: the enum is a value import from the SDK's main entry, see above.)
  (client as unknown as { on(event: string, listener: () => void): void }).on("Event.decrypted", render);
  return section;
}
