import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MessageOutbox } from "./message-outbox";

type Call = { txnId: string; content: string };

function setup(fail: (call: Call, n: number) => boolean, lostResponse: (n: number) => boolean = () => false) {
  const calls: Call[] = [];
  const delivered: string[] = [];
  const seenTxn = new Set<string>();
  let n = 0;
  const outbox = new MessageOutbox<string>({
    send: async (txnId, content) => {
      calls.push({ txnId, content });
      await Promise.resolve();
      if (fail({ txnId, content }, ++n)) throw new Error("offline");
      // The server keeps one event per transaction id.
      if (!seenTxn.has(txnId)) delivered.push(content);
      seenTxn.add(txnId);
      if (lostResponse(n)) throw new Error("connection reset before the response");
      return `$${txnId}`;
    },
    onChange: () => {},
    failAfterMs: 30_000,
    newTxnId: (() => {
      let i = 0;
      return () => `t${++i}`;
    })(),
  });
  return { outbox, calls, delivered };
}

describe("MessageOutbox", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends each message once, in order", async () => {
    const { outbox, calls, delivered } = setup(() => false);
    for (const m of ["a", "b", "c"]) outbox.enqueue(m);
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(["a", "b", "c"]);
    expect(calls.map((c) => c.txnId)).toEqual(["t1", "t2", "t3"]);
    expect(outbox.items().map((i) => i.state)).toEqual(["sent", "sent", "sent"]);
  });

  it("sending(txnId) is true while that message is on its way, false once sent, failed or unknown", async () => {
    let online = false;
    const { outbox } = setup(() => !online);
    const a = outbox.enqueue("a");
    expect(outbox.sending(a.txnId)).toBe(true);
    expect(outbox.sending("unknown")).toBe(false);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(outbox.sending(a.txnId)).toBe(false); // failed at the bound
    online = true;
    outbox.retry();
    expect(outbox.sending(a.txnId)).toBe(true);
    await vi.runAllTimersAsync();
    expect(outbox.sending(a.txnId)).toBe(false);
  });

  it("retries with the same transaction id and lets nothing overtake", async () => {
    let online = false;
    const { outbox, calls, delivered } = setup(() => !online);
    outbox.enqueue("a");
    outbox.enqueue("b");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.every((c) => c.txnId === "t1")).toBe(true);
    expect(calls.length).toBeGreaterThan(1);
    expect(outbox.items().map((i) => i.state)).toEqual(["sending", "sending"]);
    online = true;
    outbox.nudge();
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(["a", "b"]);
  });

  it("shows failed after the bound, with every later message, and retry() delivers them in order", async () => {
    let online = false;
    const { outbox, delivered } = setup(() => !online);
    outbox.enqueue("a");
    await vi.advanceTimersByTimeAsync(10_000);
    outbox.enqueue("b");
    await vi.advanceTimersByTimeAsync(21_000);
    expect(outbox.items().map((i) => i.state)).toEqual(["failed", "failed"]);
    outbox.enqueue("c");
    expect(outbox.items()[2]?.state).toBe("failed");
    online = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(delivered).toEqual([]);
    outbox.retry();
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(["a", "b", "c"]);
    expect(outbox.items().map((i) => i.state)).toEqual(["sent", "sent", "sent"]);
  });

  it("drops a message the server refuses for good and sends the ones behind it", async () => {
    const calls: string[] = [];
    const outbox = new MessageOutbox<string>({
      send: async (txnId, content) => {
        calls.push(content);
        if (content === "too much") throw new Error("quota");
        return `$${txnId}`;
      },
      onChange: () => {},
      isRefusal: (err) => err instanceof Error && err.message === "quota",
    });
    for (const m of ["a", "too much", "b"]) outbox.enqueue(m);
    await vi.runAllTimersAsync();
    expect(calls).toEqual(["a", "too much", "b"]);
    expect(outbox.items().map((i) => [i.content, i.state])).toEqual([
      ["a", "sent"],
      ["b", "sent"],
    ]);
  });

  it("a response lost in flight is resent with its transaction id and stored once", async () => {
    const { outbox, calls, delivered } = setup(
      () => false,
      (n) => n === 1,
    );
    outbox.enqueue("a");
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.txnId)).toEqual(["t1", "t1"]);
    expect(delivered).toEqual(["a"]);
  });

  it("forgets sent messages once the timeline shows them", async () => {
    const { outbox } = setup(() => false);
    outbox.enqueue("a");
    await vi.runAllTimersAsync();
    outbox.forget(new Set(["$t1"]));
    expect(outbox.items()).toEqual([]);
  });

  it("keeps a message held back on purpose pending past the bound, then sends it", async () => {
    let held = true;
    let release: () => void = () => {};
    const outbox = new MessageOutbox<string>({
      send: async (txnId) => {
        await new Promise<void>((r) => (release = r));
        return `$${txnId}`;
      },
      onChange: () => {},
      failAfterMs: 30_000,
      held: () => held,
    });
    outbox.enqueue("a");
    await vi.advanceTimersByTimeAsync(95_000);
    expect(outbox.items().map((i) => i.state)).toEqual(["sending"]);
    held = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(outbox.items().map((i) => i.state)).toEqual(["failed"]);
    release();
    await vi.runAllTimersAsync();
    expect(outbox.items().map((i) => i.state)).toEqual(["sent"]);
  });

  it("a restored message keeps its transaction id; a restored failed one waits for retry() with everything behind it", async () => {
    const { outbox, calls, delivered } = setup(() => false);
    outbox.enqueue("old", { txnId: "earlier-session", failed: false });
    outbox.enqueue("new");
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.txnId)).toEqual(["earlier-session", "t1"]);
    expect(delivered).toEqual(["old", "new"]);

    const second = setup(() => false);
    second.outbox.enqueue("stuck", { txnId: "x", failed: true });
    second.outbox.enqueue("after");
    await vi.runAllTimersAsync();
    expect(second.delivered).toEqual([]);
    expect(second.outbox.items().map((i) => i.state)).toEqual(["failed", "failed"]);
    second.outbox.retry();
    await vi.runAllTimersAsync();
    expect(second.delivered).toEqual(["stuck", "after"]);
  });
});
