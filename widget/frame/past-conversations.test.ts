// @vitest-environment jsdom
import { EventEmitter } from "node:events";
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONVERSATION_EVENT, PRECHAT_FIELD, ROUTING_EVENT } from "../../lib/conversation/event-types";
import { historyStrings } from "../../lib/widget-i18n/history-strings";
import { CONVERSATION_TYPE, mountPastConversations, PRECHAT_KEY, ROUTING_TYPE } from "./past-conversations";

describe("past conversations' event types", () => {
  it("are the conversation and routing state events of lib/conversation", () => {
    expect(CONVERSATION_TYPE).toBe(CONVERSATION_EVENT);
    expect(ROUTING_TYPE).toBe(ROUTING_EVENT);
    expect(PRECHAT_KEY).toBe(PRECHAT_FIELD);
  });
});

/** A minimal stand-in for what the list reads of an event. */
const event = (type: string, content: Record<string, unknown>, extra: { sender?: string; failed?: boolean; ts?: number } = {}) => ({
  getType: () => type,
  getContent: () => content,
  getSender: () => extra.sender ?? "@visitor:hs",
  getTs: () => extra.ts ?? 1_000,
  isDecryptionFailure: () => extra.failed ?? false,
});

/** A room the visitor is in, with our conversation marker, the routing state and these timeline events. */
const room = (roomId: string, status: string | null, events: ReturnType<typeof event>[]) => ({
  roomId,
  getMyMembership: () => "join",
  getLiveTimeline: () => ({ getEvents: () => events }),
  currentState: {
    getStateEvents: (type: string) =>
      type === CONVERSATION_TYPE
        ? event(type, {})
        : type === ROUTING_TYPE && status
          ? event(type, { status })
          : type === "m.room.create"
            ? event(type, {})
            : null,
  },
});

function make<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string, ...children: Node[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  node.append(...children);
  return node;
}

function setup() {
  const rooms: ReturnType<typeof room>[] = [];
  const client = Object.assign(new EventEmitter(), { getRooms: () => rooms, getUserId: () => "@visitor:hs" });
  const section = mountPastConversations(client as unknown as MatrixClient, historyStrings("en"), "en", make);
  document.body.replaceChildren(section);
  const toggle = section.querySelector<HTMLButtonElement>(".past-toggle")!;
  const panel = section.querySelector<HTMLElement>(".past-panel")!;
  return { rooms, client, toggle, panel, entries: () => [...panel.querySelectorAll("button[data-room]:not([data-room=back])")].map((b) => b.textContent) };
}

describe("mountPastConversations", () => {
  afterEach(() => vi.useRealTimers());

  it("draws a room that arrives after the list was opened, as not readable when this device has no key", () => {
    vi.useFakeTimers();
    const { rooms, client, toggle, panel, entries } = setup();
    toggle.click();
    expect(panel.textContent).toBe("No earlier conversations.");
    // A new identity's first sync brings the earlier room later: no decryption event follows it.
    rooms.push(room("!earlier", "closed", [event("m.room.encrypted", {})]));
    client.emit("Room");
    vi.advanceTimersByTime(100);
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatch(/Closed · \(not readable on this device\)$/);
  });

  it("follows a decryption (keys from a restored backup) and keeps the focus on the same entry", () => {
    vi.useFakeTimers();
    const { rooms, client, toggle, panel, entries } = setup();
    const failed = event("m.room.message", { msgtype: "m.bad.encrypted", body: "** Unable to decrypt **" }, { failed: true });
    rooms.push(room("!a", "active", [failed]));
    toggle.click();
    expect(entries()[0]).toMatch(/Open · \(not readable on this device\)$/);
    panel.querySelector<HTMLButtonElement>('[data-room="!a"]')!.focus();
    rooms[0] = room("!a", "active", [event("m.room.message", { body: "Where is my parcel?\nThanks" })]);
    client.emit("Event.decrypted");
    vi.advanceTimersByTime(100);
    expect(entries()[0]).toMatch(/Open · Where is my parcel\?$/);
    expect(document.activeElement?.getAttribute("data-room")).toBe("!a");
  });

  it("lists nothing for a prepared room never used, and does not draw while closed", () => {
    vi.useFakeTimers();
    const { rooms, client, toggle, panel, entries } = setup();
    rooms.push(room("!prepared", null, []));
    client.emit("Room");
    vi.advanceTimersByTime(100);
    expect(panel.hidden).toBe(true);
    expect(panel.childElementCount).toBe(0);
    toggle.click();
    expect(entries()).toEqual([]);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
  });
});
