import { describe, expect, it } from "vitest";
import { serialised } from "./router";

describe("serialised passes", () => {
  it("runs one pass at a time; requests during a pass run exactly one more pass after it; none after stop", async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    let release: () => void = () => {};
    const s = serialised(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      passes++;
      await new Promise<void>((r) => (release = r));
      running--;
    });
    s.request();
    s.request();
    s.request();
    expect(passes).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(passes).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(passes).toBe(2);
    expect(maxRunning).toBe(1);
    s.request();
    const stopped = s.stop();
    s.request();
    release();
    await stopped;
    await new Promise((r) => setTimeout(r, 10));
    expect(passes).toBe(3);
  });
});
