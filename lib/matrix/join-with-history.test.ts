import type { Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { roomVisitor } from "./join-with-history";

const roomCreatedBy = (creator: string | null): Room =>
  ({ currentState: { getStateEvents: (type: string) => (type === "m.room.create" && creator ? { getSender: () => creator } : null) } }) as unknown as Room;

describe("roomVisitor", () => {
  it.each([
    ["a visitor created the conversation", "@visitor-abc:hs", "@visitor-abc:hs"],
    ["an agent created the room (a notes room)", "@alice:hs", null],
    ["no create event known", null, null],
  ])("%s", (_name, creator, expected) => {
    expect(roomVisitor(roomCreatedBy(creator))).toBe(expected);
  });

  it("is null without a room", () => {
    expect(roomVisitor(null)).toBeNull();
  });
});
