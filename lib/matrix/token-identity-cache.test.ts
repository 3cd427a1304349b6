import { describe, expect, it } from "vitest";
import { tokenIdentityCache } from "./token-identity-cache";

describe("tokenIdentityCache", () => {
  const make = (max = 3) => {
    let t = 1_000;
    const cache = tokenIdentityCache({ ttlMs: 100, max, now: () => t });
    return { cache, advance: (ms: number) => void (t += ms) };
  };

  it.each([
    { name: "a remembered token, within its time", after: 99, expected: "@v:x" },
    { name: "a remembered token, at its expiry", after: 100, expected: null },
    { name: "a remembered token, after its expiry", after: 5_000, expected: null },
  ])("$name", ({ after, expected }) => {
    const { cache, advance } = make();
    cache.remember("tok", "@v:x");
    advance(after);
    expect(cache.userOf("tok")).toBe(expected);
  });

  it("knows nothing of a token it was not told, nor of a similar one", () => {
    const { cache } = make();
    cache.remember("tok", "@v:x");
    expect(cache.userOf("other")).toBeNull();
    expect(cache.userOf("tok ")).toBeNull();
  });

  it("forgets a token on demand, and the oldest beyond its size", () => {
    const { cache } = make(2);
    cache.remember("a", "@a:x");
    cache.remember("b", "@b:x");
    cache.remember("a", "@a:x"); // used again: now the newest
    cache.remember("c", "@c:x");
    expect([cache.userOf("a"), cache.userOf("b"), cache.userOf("c")]).toEqual(["@a:x", null, "@c:x"]);
    cache.forget("a");
    expect(cache.userOf("a")).toBeNull();
    expect(cache.size()).toBe(1);
  });

  it("renews an answer when told again", () => {
    const { cache, advance } = make();
    cache.remember("tok", "@v:x");
    advance(80);
    cache.remember("tok", "@v:x");
    advance(80);
    expect(cache.userOf("tok")).toBe("@v:x");
  });
});
