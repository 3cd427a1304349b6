import { EventEmitter } from "node:events";
import type { Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { CONVERSATION_EVENT, NOTES_EVENT } from "../../lib/conversation/event-types";
import { concernKey } from "../../lib/console-state/room-change-concerns";
import { fakeReaders } from "./testing/fake-readers";
import { createMatrixStore, type StoreClient, type StoreEventNames } from "./matrix-store";

const names: StoreEventNames = {
  room: "Room",
  timeline: "Room.timeline",
  localEcho: "Room.localEchoUpdated",
  myMembership: "Room.myMembership",
  state: "RoomState.events",
  decrypted: "Event.decrypted",
  typing: "RoomMember.typing",
  receipt: "Room.receipt",
};

type FakeEvent = { shouldAttemptDecryption: () => boolean; isBeingDecrypted: () => boolean; getRoomId?: () => string };
type FakeRoom = { roomId: string; membership: string; state: Record<string, unknown>; texts: string[]; typing: string[]; events: Map<string, FakeEvent> };

function fakeRoom(roomId: string, state: Record<string, unknown> = { [CONVERSATION_EVENT]: { site_id: "s" } }): FakeRoom {
  return { roomId, membership: "join", state, texts: [], typing: [], events: new Map() };
}

/** A fake client: an event emitter with rooms, and readers that read the fake rooms' plain fields. */
function setUp(...rooms: FakeRoom[]) {
  const asRoom = (r: FakeRoom): Room =>
    ({
      roomId: r.roomId,
      getMyMembership: () => r.membership,
      findEventById: (id: string) => r.events.get(id),
      currentState: { getStateEvents: (type: string) => (r.state[type] ? { getContent: () => r.state[type] } : null) },
    }) as unknown as Room;
  const emitter = new EventEmitter();
  const client = Object.assign(emitter, {
    getRooms: () => rooms.map(asRoom),
    getRoom: (id: string) => {
      const r = rooms.find((x) => x.roomId === id);
      return r ? asRoom(r) : null;
    },
  });
  const fake = (room: Room): FakeRoom => rooms.find((r) => r.roomId === room.roomId)!;
  const readers = fakeReaders(fake);
  // The txn ids the rooms' outboxes show as on their way.
  const outboxShows = new Set<string>();
  const store = createMatrixStore(client as unknown as StoreClient, names, readers, (roomId, txnId) => outboxShows.has(`${roomId} ${txnId}`));
  const say = (r: FakeRoom, text: string): void => {
    r.texts.push(text);
    emitter.emit(names.timeline, { isBeingDecrypted: () => false, shouldAttemptDecryption: () => false }, asRoom(r));
  };
  const type = (r: FakeRoom, userId: string): void => {
    r.typing.push(userId);
    emitter.emit(names.typing, {}, { roomId: r.roomId });
  };
  return { store, emitter, say, type, asRoom, outboxShows };
}

/** Counts the calls of a listener subscribed to `key`. */
function counter(store: ReturnType<typeof createMatrixStore>, key: string): { count: () => number } {
  let n = 0;
  store.subscribe(key, () => n++);
  return { count: () => n };
}

describe("the console's Matrix store", () => {
  it("keeps a snapshot's identity while nothing it shows changed", () => {
    const a = fakeRoom("!a");
    const { store } = setUp(a);
    expect(store.list()).toBe(store.list());
    expect(store.room("!a")).toBe(store.room("!a"));
    expect(store.typing("!a")).toBe(store.typing("!a"));
  });

  it("a typing event in room A changes only room A's typing snapshot: not room B's, not the list, not room A's timeline", () => {
    const a = fakeRoom("!a");
    const b = fakeRoom("!b");
    const { store, type } = setUp(a, b);
    const before = { list: store.list(), roomA: store.room("!a"), typingA: store.typing("!a"), roomB: store.room("!b"), typingB: store.typing("!b") };
    const heard = {
      list: counter(store, concernKey.list),
      roomA: counter(store, concernKey.room("!a")),
      typingB: counter(store, concernKey.typing("!b")),
      typingA: counter(store, concernKey.typing("!a")),
    };
    type(a, "@visitor:hs");
    expect(store.typing("!a")).toEqual(["@visitor:hs"]);
    expect(store.typing("!a")).not.toBe(before.typingA);
    expect(store.list()).toBe(before.list);
    expect(store.room("!a")).toBe(before.roomA);
    expect(store.room("!b")).toBe(before.roomB);
    expect(store.typing("!b")).toBe(before.typingB);
    expect([heard.typingA.count(), heard.list.count(), heard.roomA.count(), heard.typingB.count()]).toEqual([1, 0, 0, 0]);
  });

  it("a message in room A changes the list and room A's view, not room B's view nor anyone's typing", () => {
    const a = fakeRoom("!a");
    const b = fakeRoom("!b");
    const { store, say } = setUp(a, b);
    const before = { list: store.list(), roomA: store.room("!a"), roomB: store.room("!b"), typingA: store.typing("!a") };
    const summaryB = before.list.find((s) => s.roomId === "!b");
    say(a, "hello");
    expect(store.room("!a")?.messages.map((m) => m.body)).toEqual(["hello"]);
    expect(store.list()).not.toBe(before.list);
    expect(store.list().find((s) => s.roomId === "!a")?.unread).toBe(1);
    // Room B's summary is the same object: it was not read again.
    expect(store.list().find((s) => s.roomId === "!b")).toBe(summaryB);
    expect(store.room("!b")).toBe(before.roomB);
    expect(store.typing("!a")).toBe(before.typingA);
  });

  it("an encrypted event whose decryption starts after it reached the timeline changes nothing until its Event.decrypted: drawn once, not as a placeholder first", async () => {
    const a = fakeRoom("!a");
    const { store, emitter, asRoom } = setUp(a);
    const before = { list: store.list(), roomA: store.room("!a") };
    const heard = { list: counter(store, concernKey.list), roomA: counter(store, concernKey.room("!a")) };
    a.texts.push("hello");
    const event = { shouldAttemptDecryption: () => true, isBeingDecrypted: () => false, getRoomId: () => "!a" };
    emitter.emit(names.timeline, event, asRoom(a));
    // The SDK starts decrypting it right after the sync's events are in.
    event.shouldAttemptDecryption = () => false;
    event.isBeingDecrypted = () => true;
    await new Promise((r) => setTimeout(r, 0));
    expect(store.room("!a")).toBe(before.roomA);
    expect(store.list()).toBe(before.list);
    expect([heard.list.count(), heard.roomA.count()]).toEqual([0, 0]);
    event.isBeingDecrypted = () => false;
    emitter.emit(names.decrypted, event);
    expect(store.room("!a")?.messages.map((m) => m.body)).toEqual(["hello"]);
    expect([heard.list.count(), heard.roomA.count()]).toEqual([1, 1]);
  });

  it("the receipt the SDK makes up for an encrypted event's sender waits for its Event.decrypted; a receipt for a shown event redraws the list at once", async () => {
    const a = fakeRoom("!a");
    const { store, emitter, asRoom } = setUp(a);
    store.list();
    const list = counter(store, concernKey.list);
    const event: FakeEvent = { shouldAttemptDecryption: () => false, isBeingDecrypted: () => true, getRoomId: () => "!a" };
    a.events.set("$new", event);
    emitter.emit(names.receipt, { getContent: () => ({ $new: { "m.read": { "@visitor:hs": { ts: 1 } } } }) }, asRoom(a));
    await new Promise((r) => setTimeout(r, 0));
    expect(list.count()).toBe(0);
    a.texts.push("hello");
    event.isBeingDecrypted = () => false;
    emitter.emit(names.decrypted, event);
    expect(list.count()).toBe(1);
    // The agent's own receipt for a message already shown (or another reader's): the unread count changes now.
    emitter.emit(names.receipt, { getContent: () => ({ $new: { "m.read": { "@agent:hs": { ts: 2 } } } }) }, asRoom(a));
    expect(list.count()).toBe(2);
  });

  it("an encrypted event nobody decrypts is still drawn (as a placeholder), one task later", async () => {
    const a = fakeRoom("!a");
    const { store, emitter, asRoom } = setUp(a);
    const heard = counter(store, concernKey.room("!a"));
    store.room("!a");
    a.texts.push("hello");
    emitter.emit(names.timeline, { shouldAttemptDecryption: () => true, isBeingDecrypted: () => false }, asRoom(a));
    await new Promise((r) => setTimeout(r, 0));
    expect(heard.count()).toBe(1);
    expect(store.room("!a")?.messages.map((m) => m.body)).toEqual(["hello"]);
  });

  /** Room A watched, and our echo of a message written under txn1, just added (status "sending"); `move` changes its status. */
  function echoInRoomA() {
    const a = fakeRoom("!a");
    const { store, emitter, asRoom, outboxShows } = setUp(a);
    const heard = counter(store, concernKey.room("!a"));
    store.room("!a");
    const echo = { status: "sending", getId: () => "~!a:m1", getTxnId: () => "txn1", isBeingDecrypted: () => false, shouldAttemptDecryption: () => false };
    const move = (status: string): void => {
      const old = echo.status;
      echo.status = status;
      emitter.emit(names.localEcho, echo, asRoom(a), "~!a:m1", old);
    };
    return { a, store, emitter, asRoom, outboxShows, heard, echo, move };
  }

  it("a local echo moving between encrypting and sending redraws nothing; its being sent or failing does", () => {
    const { heard, move } = echoInRoomA();
    move("encrypting");
    move("sending");
    expect(heard.count()).toBe(0);
    move("not_sent");
    expect(heard.count()).toBe(1);
  });

  it("the echo of a message its outbox shows redraws nothing as it is added and encrypted, and redraws once sent", () => {
    const { a, emitter, asRoom, outboxShows, heard, echo, move } = echoInRoomA();
    outboxShows.add("!a txn1");
    // matrix-js-sdk adds the echo (Room.timeline, then Room.localEchoUpdated), then encrypts the message.
    emitter.emit(names.timeline, echo, asRoom(a));
    emitter.emit(names.localEcho, echo, asRoom(a));
    move("encrypting");
    expect(heard.count()).toBe(0);
    move("sent");
    expect(heard.count()).toBe(1);
  });

  it("the echo of a message no outbox shows (or a message the outbox no longer shows) is drawn as it is added", () => {
    const { a, store, emitter, asRoom, outboxShows, heard, echo } = echoInRoomA();
    outboxShows.add("!b txn1"); // another room's outbox, under the same txn id
    emitter.emit(names.timeline, echo, asRoom(a));
    expect(heard.count()).toBe(1);
    store.room("!a");
    emitter.emit(names.localEcho, echo, asRoom(a));
    expect(heard.count()).toBe(2);
  });

  it("a typing event that changes nobody's typing keeps the snapshot", () => {
    const a = fakeRoom("!a");
    const { store, emitter } = setUp(a);
    const before = store.typing("!a");
    emitter.emit(names.typing, {}, { roomId: "!a" });
    expect(store.typing("!a")).toBe(before);
  });

  it("a message in a notes room tells that conversation's notes panel, and neither the list nor the conversation", () => {
    const a = fakeRoom("!a");
    const other = fakeRoom("!b");
    const notes = fakeRoom("!notes", { [NOTES_EVENT]: { conversation_room_id: "!a" } });
    const { store, say } = setUp(a, other, notes);
    const before = { list: store.list(), roomA: store.room("!a"), notesA: store.notes("!a"), notesB: store.notes("!b") };
    say(notes, "internal");
    expect(store.notes("!a")).not.toBe(before.notesA);
    expect(store.notes("!b")).toBe(before.notesB);
    expect(store.list()).toBe(before.list);
    expect(store.room("!a")).toBe(before.roomA);
  });

  it("lists only joined rooms, and a room the agent left has no view", () => {
    const a = fakeRoom("!a");
    const invited = { ...fakeRoom("!i"), membership: "invite" };
    const { store, emitter, asRoom } = setUp(a, invited);
    expect(store.list().map((s) => s.roomId)).toEqual(["!a"]);
    a.membership = "leave";
    emitter.emit(names.myMembership, asRoom(a));
    invited.membership = "join";
    emitter.emit(names.myMembership, asRoom(invited));
    expect(store.list().map((s) => s.roomId)).toEqual(["!i"]);
    expect(store.room("!a")).toBeNull();
  });

  it("refreshAll makes every snapshot read again; stop stops listening", () => {
    const a = fakeRoom("!a");
    const { store, say } = setUp(a);
    const list = store.list();
    store.refreshAll();
    expect(store.list()).not.toBe(list);
    store.stop();
    const room = store.room("!a");
    say(a, "after stop");
    expect(store.room("!a")).toBe(room);
  });
});
