import { describe, expect, it } from "vitest";
import { deriveSecretStorageKey, fromBase64Url, historyOffer, readPasskeyBackup, toBase64Url } from "./passkey-backup";

const backup = { credential_id: "A".repeat(22), salt: "B".repeat(43), key_id: "k1" };

describe("historyOffer", () => {
  const cases: [string, Parameters<typeof historyOffer>[0], ReturnType<typeof historyOffer>][] = [
    ["anonymous visitor", { customer: false, identityHere: true, backup: null, webauthn: true }, "this-browser-only"],
    ["anonymous, even with junk account data", { customer: false, identityHere: true, backup, webauthn: true }, "this-browser-only"],
    ["customer on the identity's browser, no backup", { customer: true, identityHere: true, backup: null, webauthn: true }, "offer-backup"],
    ["customer on the identity's browser, no WebAuthn", { customer: true, identityHere: true, backup: null, webauthn: false }, "none"],
    ["customer who backed up", { customer: true, identityHere: true, backup, webauthn: true }, "backed-up"],
    ["customer on a new browser with a backup", { customer: true, identityHere: false, backup, webauthn: true }, "unlock"],
    ["customer on a new browser without WebAuthn", { customer: true, identityHere: false, backup, webauthn: false }, "none"],
    ["customer on a new browser, no backup (reset as before)", { customer: true, identityHere: false, backup: null, webauthn: true }, "none"],
    [
      "no storage: anonymous visitor told the chat lasts with the page",
      { customer: false, identityHere: true, backup: null, webauthn: true, pageOnly: true },
      "this-page-only",
    ],
    ["no storage: no backup offered to a customer", { customer: true, identityHere: true, backup: null, webauthn: true, pageOnly: true }, "this-page-only"],
    [
      "no storage: a customer's backup, made elsewhere, still unlocks",
      { customer: true, identityHere: false, backup, webauthn: true, pageOnly: true },
      "unlock",
    ],
    ["no storage, no WebAuthn", { customer: true, identityHere: false, backup, webauthn: false, pageOnly: true }, "this-page-only"],
  ];
  it.each(cases)("%s", (_name, input, expected) => expect(historyOffer(input)).toBe(expected));
});

describe("readPasskeyBackup", () => {
  it.each([
    ["ours", backup, backup],
    ["absent", undefined, null],
    ["salt too short", { ...backup, salt: "abc" }, null],
    ["credential id not base64url", { ...backup, credential_id: "not base64url!!!!!!!!" }, null],
    ["missing key id", { credential_id: backup.credential_id, salt: backup.salt }, null],
  ])("%s", (_n, content, expected) => expect(readPasskeyBackup(content)).toEqual(expected));
});

describe("deriveSecretStorageKey", () => {
  const prf = new Uint8Array(32).fill(9);
  it("is 32 bytes, stable for the same PRF output and user", async () => {
    const a = await deriveSecretStorageKey(prf, "@visitor-a:hs");
    expect(a).toHaveLength(32);
    expect(await deriveSecretStorageKey(prf, "@visitor-a:hs")).toEqual(a);
  });
  it("differs for another PRF output or another user, and is not the PRF output itself", async () => {
    const a = await deriveSecretStorageKey(prf, "@visitor-a:hs");
    expect(await deriveSecretStorageKey(new Uint8Array(32).fill(8), "@visitor-a:hs")).not.toEqual(a);
    expect(await deriveSecretStorageKey(prf, "@visitor-b:hs")).not.toEqual(a);
    expect(a).not.toEqual(prf);
  });
});

describe("base64url", () => {
  it("round-trips every byte value without padding", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });
});
