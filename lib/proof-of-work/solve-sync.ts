import { sha256 } from "@noble/hashes/sha2.js";
import { leadingZeroBits } from "./solve-challenge";

/**
 * Finds the same nonce as {@link solveChallenge} (base-36 counter from 0, the
 * first that gives SHA-256(`challenge:nonce`) `bits` leading zero bits), but
 * synchronously, with `@noble/hashes`' SHA-256: WebCrypto's digest costs a
 * promise per try, which is most of its time for inputs this short. The
 * constant `challenge:` prefix is hashed once and its state copied for each
 * nonce, so a try costs the last block or two only. Blocks the thread it runs
 * on until found (~2^bits tries): for a Web Worker (widget/pow-worker.ts).
 *
 * @param challenge - the signed challenge, as the server issued it
 * @param bits - the difficulty the challenge names
 * @returns the nonce the server's {@link meetsDifficulty} accepts
 */
export function solveChallengeSync(challenge: string, bits: number): string {
  const prefix = sha256.create().update(new TextEncoder().encode(`${challenge}:`));
  const h = prefix.clone(); // reused: each try copies the prefix's state into it
  const nonceBytes = new Uint8Array(16); // a base-36 nonce below 2^53 has at most 11 digits
  const digest = new Uint8Array(32);
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    for (let i = 0; i < nonce.length; i++) nonceBytes[i] = nonce.charCodeAt(i);
    prefix._cloneInto(h);
    h.update(nonceBytes.subarray(0, nonce.length));
    h.digestInto(digest);
    if (leadingZeroBits(digest) >= bits) return nonce;
  }
}
