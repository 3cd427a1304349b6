import { solveChallenge } from "../../lib/proof-of-work/solve-challenge";

/**
 * Solves a proof-of-work challenge in a Web Worker (`/widget/pow-worker.js`), so the
 * frame's main thread stays free for the composer; falls back to solving here if the
 * worker cannot start.
 */
export function solveInWorker(challenge: string, bits: number, signal?: AbortSignal): Promise<string> {
  let worker: Worker;
  try {
    worker = new Worker("/widget/pow-worker.js");
  } catch {
    return solveChallenge(challenge, bits, signal);
  }
  return new Promise<string>((resolve, reject) => {
    const done = (): void => worker.terminate();
    worker.onmessage = (e: MessageEvent<{ nonce?: string; error?: string }>) => {
      done();
      if (typeof e.data.nonce === "string") resolve(e.data.nonce);
      else reject(new Error(e.data.error ?? "The proof of work failed"));
    };
    worker.onerror = () => {
      done();
      solveChallenge(challenge, bits, signal).then(resolve, reject);
    };
    signal?.addEventListener("abort", () => {
      done();
      reject(signal.reason ?? new Error("aborted"));
    });
    worker.postMessage({ challenge, bits });
  });
}
