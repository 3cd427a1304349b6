import type { MatrixEvent, Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { PRECHAT_FIELD } from "../../lib/conversation/event-types";
import { prechatAnswers } from "./visitor-prechat";

const visitor = "@visitor-1:x";
type Ev = { sender: string; content: Record<string, unknown>; encrypted?: boolean; failed?: boolean; unsignedDevice?: boolean };

function roomWith(events: Ev[], creator = visitor): Room {
  const asEvent = (e: Ev) =>
    ({
      status: null,
      getSender: () => e.sender,
      getContent: () => e.content,
      isDecryptionFailure: () => e.failed === true,
      decryptionFailureReason: e.unsignedDevice ? "UNSIGNED_SENDER_DEVICE" : null,
      getWireType: () => (e.encrypted === false ? "m.room.message" : "m.room.encrypted"),
      isEncrypted: () => e.encrypted !== false,
      getKeyForwardingUser: () => undefined,
    }) as unknown as MatrixEvent;
  return {
    currentState: { getStateEvents: (type: string) => (type === "m.room.create" ? { getSender: () => creator } : null) },
    getLiveTimeline: () => ({ getEvents: () => events.map(asEvent) }),
  } as unknown as Room;
}

const answers = { [PRECHAT_FIELD]: { name: "Ada", email: "ada@example.org" }, msgtype: "m.notice", body: "Name: Ada" };

describe("prechatAnswers", () => {
  it.each<[string, Room, ReturnType<typeof prechatAnswers>]>([
    ["the visitor's encrypted answers", roomWith([{ sender: visitor, content: answers }]), { name: "Ada", email: "ada@example.org" }],
    ["a blank name as none", roomWith([{ sender: visitor, content: { [PRECHAT_FIELD]: { name: " ", email: 3 } } }]), { name: null, email: null }],
    ["none without a notice", roomWith([{ sender: visitor, content: { body: "hi" } }]), null],
    ["not an agent's notice claiming answers", roomWith([{ sender: "@agent:x", content: answers }]), null],
    ["not answers sent in the clear (forgeable by the server)", roomWith([{ sender: visitor, content: answers, encrypted: false }]), null],
    ["not answers from a device the visitor never cross-signed", roomWith([{ sender: visitor, content: answers, unsignedDevice: true }]), null],
    ["not in a room a visitor did not create", roomWith([{ sender: visitor, content: answers }], "@agent:x"), null],
  ])("%s", (_what, room, expected) => {
    expect(prechatAnswers(room)).toEqual(expected);
  });
});
