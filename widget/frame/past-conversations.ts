import type { MatrixClient, MatrixEvent, Room } from "matrix-js-sdk";
import { pastPanel, type PastConversation, type PastMessage, type PastRoom } from "../../lib/customers/past-conversations";
import type { HistoryStrings } from "../../lib/widget-i18n/history-strings";

// The same strings as CONVERSATION_EVENT, ROUTING_EVENT and PRECHAT_FIELD in lib/conversation/event-types.ts (a test
// checks): importing that module here would split the frame's start chunks (see history-choice.ts).
export const CONVERSATION_TYPE = "org.sealdesk.conversation";
export const ROUTING_TYPE = "org.sealdesk.routing";
/** PRECHAT_FIELD: a pre-chat or verified customer's details notice, not the conversation's first line. */
export const PRECHAT_KEY = "org.sealdesk.prechat";

/** The text of a message, or null when it is not readable here (no key: the SDK's placeholder is no text of theirs). */
const textOf = (e: MatrixEvent): string | null => {
  const body = e.getContent().body;
  return e.getType() === "m.room.message" && !e.isDecryptionFailure() && typeof body === "string" ? body : null;
};

/** What the list needs of a room (lib/customers/past-conversations.ts decides): messages, and encrypted events not decrypted here. */
export function pastRoomOf(room: Room, me: string | null): PastRoom {
  const messages: PastMessage[] = room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.getType() === "m.room.message" || e.getType() === "m.room.encrypted")
    .map((e) => ({ ts: e.getTs(), mine: e.getSender() === me, body: textOf(e), prechat: PRECHAT_KEY in e.getContent() }));
  const routing = room.currentState.getStateEvents(ROUTING_TYPE as never, "")?.getContent() as { status?: unknown } | undefined;
  return {
    roomId: room.roomId,
    membership: room.getMyMembership(),
    isConversation: Boolean(room.currentState.getStateEvents(CONVERSATION_TYPE as never, "")),
    routingStatus: routing ? String(routing.status ?? "") : null,
    createdAt: room.currentState.getStateEvents("m.room.create", "")?.getTs() ?? null,
    messages,
  };
}

type Make = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string>, text?: string, ...children: Node[]) => HTMLElementTagNameMap[K];

// What changes the list: a room arriving (the first sync of a new device, a new conversation), the visitor's
// membership, a message or state change, a decryption (keys arriving from a restored backup). By name: the
// enums are value imports from the SDK's main entry (see history-choice.ts).
const REDRAW_ON = ["Room", "Room.myMembership", "Room.timeline", "Room.timelineReset", "RoomState.events", "Event.decrypted"];

/**
 * "Your conversations": a button that opens the list of the visitor's
 * conversations (newest first, date and first line), each readable in place
 * (closed ones too; one this device cannot decrypt says so). The open list
 * follows the client: rooms as they arrive, messages, decryptions. Text only,
 * through textContent; focus stays on the same entry across redraws.
 */
export function mountPastConversations(client: MatrixClient, s: HistoryStrings, lang: string, el: Make): HTMLElement {
  const toggle = el("button", { type: "button", class: "past-toggle", "aria-expanded": "false" }, s.pastTitle);
  const panel = el("div", { class: "past-panel", hidden: "" });
  const section = el("section", { class: "past-conversations", "aria-label": s.pastTitle }, undefined, toggle, panel);
  const state = { open: false, reading: null as string | null };
  const date = (ts: number): string => new Date(ts).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
  const entry = (c: PastConversation): HTMLElement => {
    const label = `${date(c.startedAt)} · ${c.closed ? s.closed : s.open} · ${c.firstLine ?? s.unreadable}`;
    const open = el("button", { type: "button", "data-room": c.roomId }, label);
    open.addEventListener("click", () => {
      state.reading = c.roomId;
      render();
    });
    return el("li", {}, undefined, open);
  };
  const render = (): void => {
    const view = pastPanel(
      state,
      client.getRooms().map((r) => pastRoomOf(r, client.getUserId())),
    );
    if (view.kind === "hidden") return;
    const focused = panel.contains(document.activeElement) ? (document.activeElement?.getAttribute("data-room") ?? "back") : null;
    if (view.kind === "reading") {
      const back = el("button", { type: "button", "data-room": "back" }, s.back);
      back.addEventListener("click", () => {
        state.reading = null;
        render();
      });
      const lines = view.lines.map((l) => el("li", { class: l.mine ? "mine" : "theirs" }, l.body ?? s.unreadable));
      panel.replaceChildren(back, el("ol", { class: "past-messages", "aria-label": s.pastTitle }, undefined, ...lines));
    } else if (view.kind === "list") panel.replaceChildren(el("ul", {}, undefined, ...view.conversations.map(entry)));
    else panel.replaceChildren(el("p", {}, s.pastEmpty));
    if (focused) panel.querySelector<HTMLElement>(`[data-room="${CSS.escape(focused)}"]`)?.focus();
  };
  // Sync delivers events in bursts: one redraw per burst.
  let pending: ReturnType<typeof setTimeout> | null = null;
  const redraw = (): void => {
    if (!state.open || pending) return;
    pending = setTimeout(() => {
      pending = null;
      render();
    }, 50);
  };
  toggle.addEventListener("click", () => {
    state.open = panel.hidden;
    panel.hidden = !state.open;
    toggle.setAttribute("aria-expanded", String(state.open));
    state.reading = null;
    render();
  });
  const emitter = client as unknown as { on(event: string, listener: () => void): void };
  for (const name of REDRAW_ON) emitter.on(name, redraw);
  return section;
}
