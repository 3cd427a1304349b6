// The proof of work for a new visitor, off the chat frame's main thread so that the
// visitor can type meanwhile. Built to /widget/pow-worker.js (widget/build.ts).
// Synchronous SHA-256 (solve-sync.ts): a worker has nothing else to do, and WebCrypto's
// promise per try made the same work ~4x slower in Chromium (bench/pow-speed.ts).
import { solveChallengeSync } from "../lib/proof-of-work/solve-sync";

self.onmessage = (event: MessageEvent<{ challenge: string; bits: number }>) => {
  const { challenge, bits } = event.data;
  try {
    self.postMessage({ nonce: solveChallengeSync(challenge, bits) });
  } catch (err) {
    self.postMessage({ error: (err as Error).message });
  }
};
