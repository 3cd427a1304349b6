import { EventEmitter } from "node:events";
import { MatrixEventEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import { describe, expect, it, vi } from "vitest";
import { isTrustFailure, retryTrustFailuresOnKeyUpdates } from "./retry-trust-failures";

function event(sender: string, failure: string | null): MatrixEvent & { attemptDecryption: ReturnType<typeof vi.fn> } {
  return {
    getSender: () => sender,
    isDecryptionFailure: () => failure !== null,
    decryptionFailureReason: failure,
    attemptDecryption: vi.fn(async () => {}),
  } as unknown as MatrixEvent & { attemptDecryption: ReturnType<typeof vi.fn> };
}

function fakeClient(): MatrixClient & EventEmitter {
  const c = new EventEmitter() as MatrixClient & EventEmitter;
  (c as unknown as { getCrypto: () => object }).getCrypto = () => ({});
  return c;
}

describe("isTrustFailure", () => {
  it.each([
    ["UNKNOWN_SENDER_DEVICE", true],
    ["UNSIGNED_SENDER_DEVICE", true],
    ["MEGOLM_UNKNOWN_INBOUND_SESSION_ID", false],
    ["HISTORICAL_MESSAGE_USER_NOT_JOINED", false],
    ["SENDER_IDENTITY_PREVIOUSLY_VERIFIED", false],
    [null, false],
  ])("%s -> %s", (reason, expected) => {
    expect(isTrustFailure(event("@v:x", reason))).toBe(expected);
  });
});

describe("retryTrustFailuresOnKeyUpdates", () => {
  it("retries a sender's trust failures when that sender's devices or identity arrive, and nothing else", async () => {
    const client = fakeClient();
    const stop = retryTrustFailuresOnKeyUpdates(client);
    const unknown = event("@visitor:x", "UNKNOWN_SENDER_DEVICE");
    const unsigned = event("@agent:x", "UNSIGNED_SENDER_DEVICE");
    const missingKey = event("@visitor:x", "MEGOLM_UNKNOWN_INBOUND_SESSION_ID");
    for (const e of [unknown, unsigned, missingKey]) client.emit(MatrixEventEvent.Decrypted, e);

    client.emit(CryptoEvent.DevicesUpdated, ["@other:x"], false);
    await Promise.resolve();
    expect(unknown.attemptDecryption).not.toHaveBeenCalled();

    client.emit(CryptoEvent.DevicesUpdated, ["@visitor:x"], false);
    await Promise.resolve();
    expect(unknown.attemptDecryption).toHaveBeenCalledWith(expect.anything(), { isRetry: true });
    expect(missingKey.attemptDecryption).not.toHaveBeenCalled();
    expect(unsigned.attemptDecryption).not.toHaveBeenCalled();

    client.emit(CryptoEvent.UserTrustStatusChanged, "@agent:x", {});
    await Promise.resolve();
    expect(unsigned.attemptDecryption).toHaveBeenCalledTimes(1);

    // Once retried (and after stop), an update does not retry it again.
    stop();
    client.emit(CryptoEvent.UserTrustStatusChanged, "@agent:x", {});
    expect(unsigned.attemptDecryption).toHaveBeenCalledTimes(1);
  });

  it("forgets an event that later decrypted", async () => {
    const client = fakeClient();
    retryTrustFailuresOnKeyUpdates(client);
    const ev = event("@visitor:x", "UNKNOWN_SENDER_DEVICE");
    client.emit(MatrixEventEvent.Decrypted, ev);
    (ev as unknown as { isDecryptionFailure: () => boolean }).isDecryptionFailure = () => false;
    client.emit(MatrixEventEvent.Decrypted, ev);
    client.emit(CryptoEvent.DevicesUpdated, ["@visitor:x"], false);
    await Promise.resolve();
    expect(ev.attemptDecryption).not.toHaveBeenCalled();
  });
});
