import { describe, expect, it, vi } from "vitest";
import { stopTypingWhenSent } from "./typing-stop";

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
