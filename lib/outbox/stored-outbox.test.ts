import { describe, expect, it } from "vitest";
import { StoredOutbox, type KeyValueStore } from "./stored-outbox";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}
const text = (raw: unknown): string | null => (typeof raw === "string" ? raw : null);
/** A fresh memory store and a text outbox on its key "k". */
function fresh(): { store: ReturnType<typeof memoryStore>; outbox: StoredOutbox<string> } {
  const store = memoryStore();
  return { store, outbox: new StoredOutbox(store, "k", text) };
}

describe("StoredOutbox", () => {
  it("gives back what was saved, in order, with transaction ids and failed flags", () => {
    const { store, outbox: a } = fresh();
    a.save([
      { txnId: "t1", content: "one", failed: false, owner: "@v:hs" },
      { txnId: "t2", content: "two", failed: true },
    ]);
    expect(new StoredOutbox(store, "k", text).load("@v:hs")).toEqual([
      { txnId: "t1", content: "one", failed: false, owner: "@v:hs" },
      { txnId: "t2", content: "two", failed: true },
    ]);
  });

  it("drops messages another account already tried to send, keeps the ones nobody tried", () => {
    const { outbox: s } = fresh();
    s.save([
      { txnId: "t1", content: "maybe delivered by the old visitor", failed: false, owner: "@old:hs" },
      { txnId: "t2", content: "never tried", failed: false },
    ]);
    expect(s.load("@new:hs").map((i) => i.content)).toEqual(["never tried"]);
  });

  it("saving nothing clears the key", () => {
    const { store, outbox: s } = fresh();
    s.save([{ txnId: "t1", content: "x", failed: false }]);
    s.save([]);
    expect(store.data.has("k")).toBe(false);
  });

  it("treats unreadable storage as empty and skips malformed entries", () => {
    const { store, outbox: s } = fresh();
    store.data.set("k", "{not json");
    expect(s.load("@v:hs")).toEqual([]);
    store.data.set("k", JSON.stringify({ not: "a list" }));
    expect(s.load("@v:hs")).toEqual([]);
    store.data.set("k", JSON.stringify([null, 3, { txnId: 4 }, { txnId: "t", content: 5 }, { txnId: "ok", content: "fine" }]));
    expect(s.load("@v:hs")).toEqual([{ txnId: "ok", content: "fine", failed: false }]);
  });

  it("a store that throws on write does not break sending", () => {
    const s = new StoredOutbox(
      {
        getItem: () => null,
        setItem: () => {
          throw new Error("QuotaExceededError");
        },
        removeItem: () => {},
      },
      "k",
      text,
    );
    expect(() => s.save([{ txnId: "t", content: "x", failed: false }])).not.toThrow();
  });
});
