/**
 * The work behind a proof-of-work challenge: find a nonce such that
 * SHA-256(`challenge:nonce`) starts with `bits` zero bits. About 2^bits hashes
 * on average to find, one to check. WebCrypto only: runs in Node and browsers.
 */

const enc = new TextEncoder();

/** True if SHA-256(`challenge:nonce`) has at least `bits` leading zero bits. */
export async function meetsDifficulty(challenge: string, nonce: string, bits: number): Promise<boolean> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(`${challenge}:${nonce}`)));
  return leadingZeroBits(digest) >= bits;
}

/** Number of leading zero bits of `bytes`. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

/** Finds a nonce (base-36 counter) for `challenge`; rejects if `signal` aborts. */
export async function solveChallenge(challenge: string, bits: number, signal?: AbortSignal): Promise<string> {
  for (let i = 0; ; i++) {
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    const nonce = i.toString(36);
    if (await meetsDifficulty(challenge, nonce, bits)) return nonce;
  }
}
