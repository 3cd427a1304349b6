import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stopTypingWhenSent, typingNotices } from "./typing-stop";

/** A fake outbox: `states` says what each change leaves on its way. */
function outbox(busy: boolean) {
  const listeners = new Set<() => void>();
  const o = {
    busy: vi.fn(() => busy),
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    stop: vi.fn(),
    change(nowBusy: boolean) {
      busy = nowBusy;
      [...listeners].forEach((l) => l());
    },
    listeners,
  };
  return o;
}

describe("stopTypingWhenSent", () => {
  it.each([
    { name: "nothing on its way: at once", busy: false, changes: [], stops: 1 },
    { name: "a message on its way: not yet", busy: true, changes: [], stops: 0 },
    { name: "a message on its way: once it is out", busy: true, changes: [false], stops: 1 },
    { name: "still sending after a change: not yet", busy: true, changes: [true], stops: 0 },
    { name: "two messages: after the last, once", busy: true, changes: [true, false, false], stops: 1 },
  ])("$name", ({ busy, changes, stops }) => {
    const o = outbox(busy);
    stopTypingWhenSent(o);
    for (const c of changes) o.change(c);
    expect(o.stop).toHaveBeenCalledTimes(stops);
  });

  it("cancelled (the user types again): never sends the stop, and stops listening", () => {
    const o = outbox(true);
    const cancel = stopTypingWhenSent(o);
    cancel();
    o.change(false);
    expect(o.stop).not.toHaveBeenCalled();
    expect(o.listeners.size).toBe(0);
  });
});

describe("typingNotices", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function notices(busy = false) {
    const o = outbox(busy);
    const sent: boolean[] = [];
    return { o, sent, n: typingNotices({ ...o, send: (on) => sent.push(on) }, 500) };
  }

  it("a message sent within the delay (pasted, a canned response) goes without any notice", () => {
    const { o, sent, n } = notices(true);
    n.typing();
    vi.advanceTimersByTime(499);
    n.stopped();
    o.change(false);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([]);
  });

  it("typing longer: 'typing' after the delay, a refresh at once, 'stopped' once the message is out", () => {
    const { o, sent, n } = notices(true);
    n.typing();
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([true]);
    n.typing();
    expect(sent).toEqual([true, true]);
    n.stopped();
    expect(sent).toEqual([true, true]);
    o.change(false);
    expect(sent).toEqual([true, true, false]);
  });

  it("a new 'typing' supersedes a stop still waiting for the last message; typing again without a new notice leaves it", () => {
    const { o, sent, n } = notices(true);
    n.typing();
    vi.advanceTimersByTime(500);
    n.stopped(); // the message is still on its way: the stop waits
    n.typing();
    n.stopped(); // within the delay: no new notice, the waiting stop stays
    n.typing();
    vi.advanceTimersByTime(500); // a new notice: the old stop is superseded
    o.change(false);
    expect(sent).toEqual([true, true]);
    n.stopped();
    expect(sent).toEqual([true, true, false]);
  });
});
