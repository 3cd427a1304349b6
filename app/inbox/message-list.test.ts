import type { MatrixClient, Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import { sameRow } from "./message-list";

const client = {} as MatrixClient;
const room = {} as Room;
const message = (over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: "$a",
  sender: "@visitor-x:hs",
  body: "hi",
  timestamp: 1,
  state: "sent",
  encrypted: true,
  ...over,
});
const row = (m: ChatMessage, who = "Visitor") => ({ client, room, m, who });

describe("sameRow (a conversation's rows redraw only when what they show changed)", () => {
  it("is true for a message rebuilt with the same fields (a new snapshot of the room)", () => {
    expect(sameRow(row(message()), row(message()))).toBe(true);
  });
  it("is false when anything the row shows changed", () => {
    for (const over of [
      { body: "hello" },
      { state: "undecryptable" as const },
      { encrypted: false },
      { failureReason: "x" },
      { html: "<b>hi</b>" },
      { id: "$b" },
    ])
      expect(sameRow(row(message()), row(message(over)))).toBe(false);
    expect(sameRow(row(message()), row(message(), "Agent Ann"))).toBe(false);
    expect(sameRow(row(message()), { ...row(message()), room: {} as Room })).toBe(false);
  });
});
