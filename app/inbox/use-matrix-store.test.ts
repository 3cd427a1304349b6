// @vitest-environment jsdom
import { EventEmitter } from "node:events";
import type { Room } from "matrix-js-sdk";
import { act, createElement, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_EVENT } from "../../lib/conversation/event-types";
import { fakeReaders } from "./testing/fake-readers";
import { createMatrixStore, type MatrixStore, type StoreClient, type StoreEventNames } from "./matrix-store";
import { useRoomSummaries, useRoomView, useTyping } from "./use-matrix-store";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const names: StoreEventNames = { room: "r", timeline: "t", localEcho: "l", myMembership: "m", state: "s", decrypted: "d", typing: "ty", receipt: "rc" };
type Fake = { roomId: string; texts: string[]; typing: string[] };

function fakeStore(rooms: Fake[]): { store: MatrixStore; emitter: EventEmitter; asRoom: (r: Fake) => Room } {
  const asRoom = (r: Fake): Room =>
    ({
      roomId: r.roomId,
      getMyMembership: () => "join",
      currentState: { getStateEvents: (t: string) => (t === CONVERSATION_EVENT ? { getContent: () => ({}) } : null) },
    }) as unknown as Room;
  const emitter = new EventEmitter();
  const client = Object.assign(emitter, { getRooms: () => rooms.map(asRoom), getRoom: (id: string) => asRoom(rooms.find((r) => r.roomId === id)!) });
  const fake = (room: Room): Fake => rooms.find((r) => r.roomId === room.roomId)!;
  const readers = fakeReaders(fake);
  return { store: createMatrixStore(client as unknown as StoreClient, names, readers), emitter, asRoom };
}

const renders: Record<string, number> = {};
const count = (name: string): void => void (renders[name] = (renders[name] ?? 0) + 1);

function List({ store }: { store: MatrixStore }): ReactNode {
  count("list");
  return createElement(
    "ul",
    null,
    useRoomSummaries(store).map((s) => createElement("li", { key: s.roomId }, `${s.title} ${s.unread}`)),
  );
}
function Timeline({ store, roomId }: { store: MatrixStore; roomId: string }): ReactNode {
  count(`timeline ${roomId}`);
  return createElement(
    "ol",
    null,
    (useRoomView(store, roomId)?.messages ?? []).map((m) => createElement("li", { key: m.id }, m.body)),
  );
}
function Typing({ store, roomId }: { store: MatrixStore; roomId: string }): ReactNode {
  count(`typing ${roomId}`);
  return createElement("p", null, useTyping(store, roomId).length ? "Visitor is typing…" : "");
}

let unmount = (): void => {};
afterEach(() => unmount());

describe("components reading the console store", () => {
  it("a typing notification redraws only that room's typing line; a message redraws the list and that room's timeline", () => {
    const a: Fake = { roomId: "!a", texts: [], typing: [] };
    const b: Fake = { roomId: "!b", texts: [], typing: [] };
    const { store, emitter, asRoom } = fakeStore([a, b]);
    const host = document.createElement("div");
    const root = createRoot(host);
    unmount = () => act(() => root.unmount());
    const tree = createElement(
      "div",
      null,
      ...[List, Timeline, Typing].flatMap((C) => [
        createElement(C, { key: `${C.name}a`, store, roomId: "!a" }),
        C === List ? null : createElement(C, { key: `${C.name}b`, store, roomId: "!b" }),
      ]),
    );
    act(() => root.render(tree));
    for (const k of Object.keys(renders)) renders[k] = 0;

    act(() => {
      a.typing.push("@visitor-1:hs");
      emitter.emit(names.typing, {}, { roomId: "!a" });
    });
    expect(host.textContent).toContain("Visitor is typing…");
    expect(renders).toEqual({ list: 0, "timeline !a": 0, "timeline !b": 0, "typing !a": 1, "typing !b": 0 });

    act(() => {
      a.texts.push("hello");
      emitter.emit(names.timeline, { isBeingDecrypted: () => false, shouldAttemptDecryption: () => false }, asRoom(a));
    });
    expect(host.textContent).toContain("hello");
    expect(renders).toEqual({ list: 1, "timeline !a": 1, "timeline !b": 0, "typing !a": 1, "typing !b": 0 });
  });
});
