import { describe, expect, it } from "vitest";
import { CIPHERTEXT_BYTES, messageIdOf, newMessageId, opaqueContent, opaqueSession } from "./opaque";

describe("opaque m.room.encrypted contents", () => {
  const session = opaqueSession("LOADDEVICE");
  it("carries its id, at a real message's size, with the fields of a Megolm event", () => {
    const id = newMessageId();
    const c = opaqueContent(id, session);
    expect(Object.keys(c).sort()).toEqual(["algorithm", "ciphertext", "device_id", "sender_key", "session_id"]);
    expect(Buffer.from(c.ciphertext!, "base64")).toHaveLength(CIPHERTEXT_BYTES);
    expect(messageIdOf(c)).toBe(id);
  });

  it("two messages never share an id", () => expect(newMessageId()).not.toBe(newMessageId()));

  it.each([
    ["null", null],
    ["no ciphertext", { algorithm: "m.megolm.v1.aes-sha2" }],
    ["a real Megolm ciphertext (other length)", { ciphertext: Buffer.alloc(400).toString("base64") }],
    ["a number", { ciphertext: 5 }],
  ])("no id in %s", (_, content) => expect(messageIdOf(content)).toBeNull());

  it("refuses an id of the wrong shape", () => expect(() => opaqueContent("abc", session)).toThrow());
});
