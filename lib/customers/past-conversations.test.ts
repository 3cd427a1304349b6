import { describe, expect, it } from "vitest";
import { pastConversationsOf, pastPanel, type PastRoom } from "./past-conversations";

const msg = (ts: number, body: string | null, extra: { mine?: boolean; prechat?: boolean } = {}) => ({
  ts,
  body,
  mine: extra.mine ?? true,
  prechat: extra.prechat ?? false,
});
const room = (roomId: string, over: Partial<PastRoom> = {}): PastRoom => ({
  roomId,
  membership: "join",
  isConversation: true,
  routingStatus: "active",
  createdAt: 1_000,
  messages: [msg(1_100, "Hello\nsecond line")],
  ...over,
});

describe("pastConversationsOf", () => {
  const cases: [string, PastRoom[], { roomId: string; firstLine: string | null; closed: boolean }[]][] = [
    ["a readable open conversation: its first line", [room("!a")], [{ roomId: "!a", firstLine: "Hello", closed: false }]],
    ["a closed one is listed, as closed", [room("!a", { routingStatus: "closed" })], [{ roomId: "!a", firstLine: "Hello", closed: true }]],
    [
      "one this device cannot decrypt: listed, not readable",
      [room("!a", { messages: [msg(1, null)], routingStatus: "closed" })],
      [{ roomId: "!a", firstLine: null, closed: true }],
    ],
    [
      "routed but no message in the synced timeline (a new device): listed, not readable",
      [room("!a", { messages: [], routingStatus: "closed" })],
      [{ roomId: "!a", firstLine: null, closed: true }],
    ],
    ["a prepared room never used (no message, never routed): none", [room("!a", { messages: [], routingStatus: null })], []],
    ["a room the visitor left (deleted): none", [room("!a", { membership: "leave" })], []],
    ["an invite: none", [room("!a", { membership: "invite" })], []],
    ["a room without our marker: none", [room("!a", { isConversation: false })], []],
    [
      "the pre-chat notice is not the first line",
      [room("!a", { messages: [msg(1, "Name: Ada", { prechat: true }), msg(2, "My order")] })],
      [{ roomId: "!a", firstLine: "My order", closed: false }],
    ],
    [
      "newest first",
      [room("!old", { createdAt: 1 }), room("!new", { createdAt: 5 })],
      [
        { roomId: "!new", firstLine: "Hello", closed: false },
        { roomId: "!old", firstLine: "Hello", closed: false },
      ],
    ],
  ];
  it.each(cases)("%s", (_name, rooms, expected) => {
    expect(pastConversationsOf(rooms).map(({ roomId, firstLine, closed }) => ({ roomId, firstLine, closed }))).toEqual(expected);
  });

  it("dates a conversation by its creation, else its first message", () => {
    expect(pastConversationsOf([room("!a", { createdAt: null, messages: [msg(42, "x")] })])[0]?.startedAt).toBe(42);
    expect(pastConversationsOf([room("!a", { createdAt: 7 })])[0]?.startedAt).toBe(7);
  });
});

describe("pastPanel", () => {
  it("is hidden while closed", () => expect(pastPanel({ open: false, reading: null }, [room("!a")])).toEqual({ kind: "hidden" }));
  it("says empty when nothing is listed", () => expect(pastPanel({ open: true, reading: null }, [])).toEqual({ kind: "empty" }));
  it("lists a room that arrived after the list was opened (the same state, the rooms redrawn)", () => {
    const state = { open: true, reading: null };
    expect(pastPanel(state, []).kind).toBe("empty");
    expect(pastPanel(state, [room("!late", { messages: [msg(1, null)] })])).toMatchObject({
      kind: "list",
      conversations: [{ roomId: "!late", firstLine: null }],
    });
  });
  it("shows the messages of the conversation being read, unreadable ones as null", () =>
    expect(pastPanel({ open: true, reading: "!a" }, [room("!a", { messages: [msg(1, "Hi"), msg(2, null, { mine: false })] })])).toEqual({
      kind: "reading",
      roomId: "!a",
      lines: [
        { mine: true, body: "Hi" },
        { mine: false, body: null },
      ],
    }));
  it("goes back to the list when the conversation being read is no longer listed", () =>
    expect(pastPanel({ open: true, reading: "!gone" }, [room("!a"), room("!gone", { membership: "leave" })])).toMatchObject({ kind: "list" }));
});
