import { describe, expect, it } from "vitest";
import { roomChangeConcerns, type RoomChange } from "./room-change-concerns";

const conversation = (kind: RoomChange["kind"]): RoomChange => ({ kind, roomId: "!a", notesOf: null, unmarked: false });

describe("roomChangeConcerns", () => {
  it.each<[string, RoomChange, string[]]>([
    ["typing touches only that room's typing line", conversation("typing"), ["typing:!a"]],
    ["a receipt touches only the list (unread counts)", conversation("receipt"), ["list"]],
    ["a message touches the list and the room", conversation("timeline"), ["list", "room:!a"]],
    ["a local echo touches the list and the room", conversation("local-echo"), ["list", "room:!a"]],
    ["a decryption touches the list and the room", conversation("decrypted"), ["list", "room:!a"]],
    ["room state touches the list and the room", conversation("state"), ["list", "room:!a"]],
    ["my membership touches the list and the room", conversation("membership"), ["list", "room:!a"]],
    ["a new room touches the list and the room", conversation("added"), ["list", "room:!a"]],
    ["a note touches only its conversation's notes", { kind: "timeline", roomId: "!n", notesOf: "!a", unmarked: true }, ["notes:!a"]],
    ["joining a notes room touches only its conversation's notes", { kind: "membership", roomId: "!n", notesOf: "!a", unmarked: true }, ["notes:!a"]],
    ["a receipt in a notes room touches nothing", { kind: "receipt", roomId: "!n", notesOf: "!a", unmarked: true }, []],
    ["typing in a notes room touches its typing line only", { kind: "typing", roomId: "!n", notesOf: "!a", unmarked: true }, ["typing:!n"]],
    [
      "a room without marker may be a notes room not yet known: every notes panel looks",
      { kind: "state", roomId: "!u", notesOf: null, unmarked: true },
      ["list", "room:!u", "notes:*"],
    ],
  ])("%s", (_name, change, keys) => {
    expect(roomChangeConcerns(change)).toEqual(keys);
  });
});
