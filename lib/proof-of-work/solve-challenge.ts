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

/**
 * Finds a nonce (base-36 counter) for `challenge`; rejects if `signal` aborts.
 * Hashes in batches: WebCrypto's digest is asynchronous, and many calls in
 * flight at once cost about a third of one-at-a-time per hash.
 */
export async function solveChallenge(challenge: string, bits: number, signal?: AbortSignal): Promise<string> {
  const BATCH = 64;
  for (let base = 0; ; base += BATCH) {
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, k) => crypto.subtle.digest("SHA-256", enc.encode(`${challenge}:${(base + k).toString(36)}`))),
    );
    const hit = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= bits);
    if (hit >= 0) return (base + hit).toString(36);
  }
}
