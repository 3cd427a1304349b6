import { describe, expect, it } from "vitest";
import { createLedger, type SentMessage } from "./ledger";

const msg = (id: string, sentAt: number, over: Partial<SentMessage> = {}): SentMessage => ({ id, dir: "to-agent", crypto: false, sentAt, step: 1, ...over });

describe("ledger", () => {
  it("measures sent -> first delivery, and counts a second delivery as a duplicate", () => {
    const l = createLedger();
    l.sent(msg("a", 1000));
    l.sent(msg("b", 1000));
    expect(l.received("a", 1250)).toBe("first");
    expect(l.received("a", 1300)).toBe("duplicate");
    expect(l.received("b", 1100)).toBe("first");
    expect(l.summary(5000)).toEqual({ sent: 2, received: 2, pending: 0, errors: 0, duplicates: 1, unknown: 0, latencies: [250, 100] });
  });

  it("counts an unreceived message as its age, and as missing", () => {
    const l = createLedger();
    l.sent(msg("a", 1000));
    l.sent(msg("b", 2000, { dir: "to-visitor" }));
    l.received("b", 2100);
    expect(l.summary(4000).latencies).toEqual([3000, 100]);
    expect(l.summary(4000).pending).toBe(1);
    expect(l.missing().map((m) => m.id)).toEqual(["a"]);
    expect(l.missing((m) => m.dir === "to-visitor")).toEqual([]);
  });

  it("a failed send is an error, neither sent nor missing", () => {
    const l = createLedger();
    l.sent(msg("a", 1000));
    l.failed("a");
    l.failed("never-sent");
    expect(l.summary(2000)).toMatchObject({ sent: 0, errors: 1 });
    expect(l.missing()).toEqual([]);
  });

  it("a delivery before the send is recorded is unknown until it is", () => {
    const l = createLedger();
    expect(l.received("x", 10)).toBe("unknown");
    expect(l.summary(20).unknown).toBe(1);
    l.sent(msg("x", 5));
    expect(l.summary(20)).toMatchObject({ unknown: 0, received: 1, latencies: [5] });
  });

  it("selects by step and direction", () => {
    const l = createLedger();
    l.sent(msg("a", 0, { step: 1 }));
    l.sent(msg("b", 0, { step: 2, crypto: true }));
    expect(l.summary(10, (m) => m.step === 2).sent).toBe(1);
    expect(l.summary(10, (m) => m.crypto).latencies).toEqual([10]);
  });

  it("refuses an id used twice", () => {
    const l = createLedger();
    l.sent(msg("a", 0));
    expect(() => l.sent(msg("a", 1))).toThrow(/unique/);
  });
});
