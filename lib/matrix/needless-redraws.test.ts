import { EventStatus, MatrixEvent, MatrixEventEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { echoShownByOutbox, localEchoStillSending, redrawReceiptUnlessDecrypting, redrawUnlessDecrypting } from "./needless-redraws";

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

describe("redrawUnlessDecrypting", () => {
  const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
  const plain = (): MatrixEvent => new MatrixEvent({ type: "m.room.message", room_id: "!r:hs", sender: "@a:hs", event_id: "$p", content: { body: "x" } });

  it("redraws an event that is not encrypted at once", () => {
    let redraws = 0;
    redrawUnlessDecrypting(plain(), () => redraws++);
    expect(redraws).toBe(1);
  });

  for (const ok of [true, false]) {
    it(`leaves an event whose decryption starts after it reached the timeline (as the SDK's sync does) to its Event.decrypted (${ok ? "decrypted" : "a failure"})`, async () => {
      const event = encryptedEvent();
      let redraws = 0;
      redrawUnlessDecrypting(event, () => redraws++);
      const { crypto, finish } = slowCrypto();
      const decrypted = new Promise<void>((resolve) => event.once(MatrixEventEvent.Decrypted, () => resolve()));
      void event.attemptDecryption(crypto); // matrix-js-sdk's decryptCriticalEvents, after the sync's events are in
      await tick();
      expect(redraws).toBe(0);
      finish(ok);
      await decrypted; // the event that redraws it, once, with its text or its failure
      await tick();
      expect(redraws).toBe(0);
    });
  }

  it("still draws an encrypted event nobody decrypts (a placeholder, as before), one task later", async () => {
    let redraws = 0;
    redrawUnlessDecrypting(encryptedEvent(), () => redraws++);
    expect(redraws).toBe(0);
    await tick();
    expect(redraws).toBe(1);
  });

  it("never waits for an event being decrypted already: its Event.decrypted is on its way", () => {
    const event = encryptedEvent();
    void event.attemptDecryption(slowCrypto().crypto);
    let redraws = 0;
    redrawUnlessDecrypting(event, () => redraws++);
    expect(redraws).toBe(0);
  });
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

describe("echoShownByOutbox", () => {
  const echo = (status: EventStatus | null, txnId?: string) => ({ status, getTxnId: () => txnId });
  const shows = (txnId: string): boolean => txnId === "t1";

  it("skips our echo on its way out (queued, encrypting, sending) when the outbox shows its message", () => {
    for (const s of [EventStatus.QUEUED, EventStatus.ENCRYPTING, EventStatus.SENDING]) expect(echoShownByOutbox(echo(s, "t1"), shows)).toBe(true);
  });

  it("draws it when the outbox does not show it, when it has no txn id, and once it is sent, failed or cancelled", () => {
    expect(echoShownByOutbox(echo(EventStatus.SENDING, "t2"), shows)).toBe(false);
    expect(echoShownByOutbox(echo(EventStatus.SENDING), shows)).toBe(false);
    for (const s of [EventStatus.SENT, EventStatus.NOT_SENT, EventStatus.CANCELLED, null]) expect(echoShownByOutbox(echo(s, "t1"), shows)).toBe(false);
  });
});

describe("redrawReceiptUnlessDecrypting", () => {
  const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
  const receiptFor = (...ids: string[]): MatrixEvent =>
    new MatrixEvent({ type: "m.receipt", room_id: "!r:hs", content: Object.fromEntries(ids.map((id) => [id, { "m.read": { "@agent:hs": { ts: 1 } } }])) });
  const roomWith = (...events: MatrixEvent[]) => ({ findEventById: (id: string) => events.find((e) => e.getId() === id) });
  const shown = new MatrixEvent({ type: "m.room.message", room_id: "!r:hs", sender: "@a:hs", event_id: "$shown", content: { body: "x" } });

  it("redraws at once a receipt for an event shown already, or one not in the room's timelines", () => {
    let redraws = 0;
    redrawReceiptUnlessDecrypting(receiptFor("$shown"), roomWith(shown), () => redraws++);
    redrawReceiptUnlessDecrypting(receiptFor("$elsewhere"), roomWith(shown), () => redraws++);
    redrawReceiptUnlessDecrypting(receiptFor("$shown"), undefined, () => redraws++);
    expect(redraws).toBe(3);
  });

  it("redraws at once a receipt that points at a shown event besides one being decrypted", () => {
    let redraws = 0;
    redrawReceiptUnlessDecrypting(receiptFor("$shown", "$e"), roomWith(shown, encryptedEvent()), () => redraws++);
    expect(redraws).toBe(1);
  });

  it("leaves the receipt the SDK makes up for a synced event's sender to the event's Event.decrypted", async () => {
    const event = encryptedEvent();
    let redraws = 0;
    redrawReceiptUnlessDecrypting(receiptFor("$e"), roomWith(event), () => redraws++);
    expect(redraws).toBe(0);
    const { crypto, finish } = slowCrypto();
    void event.attemptDecryption(crypto); // decryptCriticalEvents, after the sync's events and receipts are in
    await tick();
    expect(redraws).toBe(0);
    finish(true);
    await tick();
    expect(redraws).toBe(0); // Event.decrypted's own listener redraws it, with the receipt
  });

  it("still redraws a receipt for an encrypted event nobody decrypts, one task later", async () => {
    let redraws = 0;
    redrawReceiptUnlessDecrypting(receiptFor("$e"), roomWith(encryptedEvent()), () => redraws++);
    await tick();
    expect(redraws).toBe(1);
  });
});
