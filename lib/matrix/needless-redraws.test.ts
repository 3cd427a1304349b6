import { EventStatus, MatrixEvent, MatrixEventEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { localEchoStillSending, redrawAfterDecryption } from "./needless-redraws";

type CryptoBackend = Parameters<MatrixEvent["attemptDecryption"]>[0];

function encryptedEvent(): MatrixEvent {
  return new MatrixEvent({
    type: "m.room.encrypted",
    room_id: "!r:hs",
    sender: "@visitor-a:hs",
    event_id: "$e",
    content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x", session_id: "s", sender_key: "k", device_id: "D" },
  });
}

/** A crypto backend whose decryption ends when the test says so (ok: the text; else a failure). */
function slowCrypto(): { crypto: CryptoBackend; finish(ok: boolean): void } {
  let finish: (ok: boolean) => void = () => {};
  const decryptEvent = () =>
    new Promise((resolve, reject) => {
      finish = (ok) => (ok ? resolve({ clearEvent: { type: "m.room.message", content: { msgtype: "m.text", body: "hi" } } }) : reject(new Error("no key")));
    });
  return { crypto: { decryptEvent } as unknown as CryptoBackend, finish: (ok) => finish(ok) };
}

describe("redrawAfterDecryption", () => {
  for (const ok of [true, false]) {
    it(`waits while the event is being decrypted, and its Event.decrypted then comes (${ok ? "decrypted" : "a failure"})`, async () => {
      const event = encryptedEvent();
      expect(redrawAfterDecryption(event)).toBe(false);
      const { crypto, finish } = slowCrypto();
      const decrypted = new Promise<boolean>((resolve) => event.once(MatrixEventEvent.Decrypted, () => resolve(redrawAfterDecryption(event))));
      const attempt = event.attemptDecryption(crypto);
      expect(redrawAfterDecryption(event)).toBe(true);
      await new Promise((r) => setTimeout(r, 0));
      finish(ok);
      // When the event that redraws arrives, the event no longer waits: the redraw shows it.
      expect(await decrypted).toBe(false);
      await attempt;
      expect(event.isDecryptionFailure()).toBe(!ok);
    });
  }
});

describe("localEchoStillSending", () => {
  const echo = (status: EventStatus | null, id = "~!r:hs:m1") => ({ status, getId: () => id });
  it("skips only a move between queued, encrypting and sending under the same id", () => {
    expect(localEchoStillSending(echo(EventStatus.ENCRYPTING), "~!r:hs:m1", EventStatus.SENDING)).toBe(true);
    expect(localEchoStillSending(echo(EventStatus.SENDING), "~!r:hs:m1", EventStatus.ENCRYPTING)).toBe(true);
    expect(localEchoStillSending(echo(EventStatus.SENDING), "~!r:hs:m1", EventStatus.QUEUED)).toBe(true);
  });
  it("redraws the echo's addition, its failure, its cancellation and its being sent", () => {
    expect(localEchoStillSending(echo(EventStatus.SENDING))).toBe(false);
    expect(localEchoStillSending(echo(EventStatus.NOT_SENT), "~!r:hs:m1", EventStatus.SENDING)).toBe(false);
    expect(localEchoStillSending(echo(EventStatus.CANCELLED), "~!r:hs:m1", EventStatus.ENCRYPTING)).toBe(false);
    expect(localEchoStillSending(echo(EventStatus.SENT, "$real"), "~!r:hs:m1", EventStatus.SENDING)).toBe(false);
    expect(localEchoStillSending(echo(null, "$real"), "~!r:hs:m1", EventStatus.SENDING)).toBe(false);
    expect(localEchoStillSending(echo(EventStatus.SENDING, "$other"), "~!r:hs:m1", EventStatus.ENCRYPTING)).toBe(false);
  });
});
