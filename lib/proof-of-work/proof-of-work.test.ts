import { describe, expect, it } from "vitest";
import { challengeKey, peekChallenge, readChallenge, signChallenge } from "./challenge-token";
import { leadingZeroBits, meetsDifficulty, solveChallenge } from "./solve-challenge";
import { solveChallengeSync } from "./solve-sync";

const claims = { siteId: "demo", bits: 8, expiresAt: 1_900_000_000_000, salt: "0123456789abcdef0123456789abcdef" };

describe("challenge tokens", () => {
  it("round-trips the claims under the same key", async () => {
    const key = await challengeKey("a server secret that is long enough");
    const c = await signChallenge(key, claims);
    expect(await readChallenge(key, c)).toEqual(claims);
    expect(peekChallenge(c)).toEqual(claims);
  });

  it("refuses another key's challenge and any edited claim", async () => {
    const key = await challengeKey("a server secret that is long enough");
    const other = await challengeKey("another secret, also long enough!!");
    const c = await signChallenge(key, claims);
    expect(await readChallenge(other, c)).toBeNull();
    for (const forged of [
      c.replace(".8.", ".1."),
      c.replace("demo", "dem0"),
      c.replace("1900000000000", "1900000000001"),
      c.slice(0, -1) + (c.endsWith("0") ? "1" : "0"),
    ]) {
      expect(await readChallenge(key, forged), forged).toBeNull();
    }
  });

  it.each([
    "",
    "v1",
    "v2.demo.8.1.0123456789abcdef0123456789abcdef.00",
    "v1.DEMO.8.1.0123456789abcdef0123456789abcdef.00",
    "v1.demo.99.1.0123456789abcdef0123456789abcdef.00",
    "v1.demo.8.1.xyz.00",
  ])("rejects malformed %j", async (c) => {
    const key = await challengeKey("a server secret that is long enough");
    expect(await readChallenge(key, c)).toBeNull();
  });
});

describe("proof of work", () => {
  it("counts leading zero bits", () => {
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it("finds a nonce that meets the difficulty, and a wrong nonce does not", async () => {
    const nonce = await solveChallenge("v1.demo.10.1.x.y", 10);
    expect(await meetsDifficulty("v1.demo.10.1.x.y", nonce, 10)).toBe(true);
    expect(await meetsDifficulty("v1.demo.10.1.x.z", nonce, 10)).toBe(false);
  });

  // The synchronous solver (the worker's) must search in the same order as the WebCrypto one:
  // same first nonce. Challenges of lengths around SHA-256's 64-byte block and its 55-byte padding
  // limit, and one as long as a real signed challenge, so that the prefix's copied state is tested
  // with the nonce in the same block, across blocks and after whole blocks.
  const real = "v1.demo.15.1900000000000.0123456789abcdef0123456789abcdef.Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";
  it.each<[string, string, number]>([
    ["short", "c", 10],
    ...[52, 53, 54, 55, 56, 62, 63, 64, 65, 118, 119, 127, 128].map((n) => [`${n} bytes with the colon`, "x".repeat(n - 1), 8] as [string, string, number]),
    ["a real challenge's shape", real, 12],
    ["non-ASCII", "défi-挑战", 9],
    ["whose first try wins", "c37", 8],
  ])("the synchronous solver finds the WebCrypto solver's first nonce (%s)", async (_, challenge, bits) => {
    const expected = await solveChallenge(challenge, bits);
    const nonce = solveChallengeSync(challenge, bits);
    expect(nonce).toBe(expected);
    expect(await meetsDifficulty(challenge, nonce, bits)).toBe(true);
  });
});
