// The proof of work for a new visitor, off the chat frame's main thread so that the
// visitor can type meanwhile. Built to /widget/pow-worker.js (widget/build.ts).
import { solveChallenge } from "../lib/proof-of-work/solve-challenge";

self.onmessage = (event: MessageEvent<{ challenge: string; bits: number }>) => {
  const { challenge, bits } = event.data;
  solveChallenge(challenge, bits).then(
    (nonce) => self.postMessage({ nonce }),
    (err: Error) => self.postMessage({ error: err.message }),
  );
};
