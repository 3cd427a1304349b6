import { describe, expect, it } from "vitest";
import { keyPair, signJson } from "./signed-key-fixtures";
import type { Signed } from "./types";
import { verifyMatrixSignature } from "./verify-signature";

describe("verifyMatrixSignature", () => {
  const k = keyPair();
  const signed = signJson<Signed>({ b: [1, "two"], a: { z: true, y: null }, unsigned: { note: "ignored" } }, "@u:hs", "KEY", k);

  it.each([
    ["the signed object", signed, "KEY", k.publicKey, true],
    ["with `unsigned` changed (not covered by the signature)", { ...signed, unsigned: { other: 1 } }, "KEY", k.publicKey, true],
    ["with a field changed", { ...signed, b: [1, "three"] }, "KEY", k.publicKey, false],
    ["with another public key", signed, "KEY", keyPair().publicKey, false],
    ["under another key name", signed, "OTHER", k.publicKey, false],
    ["with a malformed public key", signed, "KEY", "not-a-key", false],
    ["without signatures", { a: 1 }, "KEY", k.publicKey, false],
  ])("%s: %s", (_what, obj, keyName, publicKey, ok) => {
    expect(verifyMatrixSignature(obj, "@u:hs", keyName, publicKey)).toBe(ok);
  });

  it("signs canonical JSON: key order in the object does not matter", () => {
    const reordered = { unsigned: signed.unsigned, signatures: signed.signatures, a: { y: null, z: true }, b: [1, "two"] };
    expect(verifyMatrixSignature(reordered, "@u:hs", "KEY", k.publicKey)).toBe(true);
  });
});
