import { describe, expect, it } from "vitest";
import { batchedCalls } from "./batched-calls";

describe("batchedCalls", () => {
  it("runs a lone call at once, and groups the calls made while a batch runs", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const call = batchedCalls(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => i * 10);
    });
    const first = call(1);
    const later = [call(2), call(3), call(4)];
    await Promise.resolve();
    expect(batches).toEqual([[1]]);
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("keeps batches under the maximum, in arrival order", async () => {
    const batches: number[][] = [];
    const call = batchedCalls(async (items: number[]) => (batches.push(items), items), 2);
    await Promise.all([1, 2, 3, 4, 5].map(call));
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2);
  });

  it("rejects every call of a failed batch, and the next batch still runs", async () => {
    let fail = true;
    const call = batchedCalls(async (items: number[]) => {
      if (fail) {
        fail = false;
        throw new Error("database down");
      }
      return items;
    });
    const [a, b] = [call(1), call(2)];
    await expect(a).rejects.toThrow("database down");
    await expect(b).resolves.toBe(2);
  });
});
