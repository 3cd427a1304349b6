// `npx tsx bench/pow-speed.ts`: the visitor's proof of work in Chromium, in a Web Worker as the
// widget runs it: hashes per second of the WebCrypto solver (one digest promise per try, in
// batches) and of the synchronous one (`@noble/hashes`, the prefix hashed once), on the same
// challenges, and the built worker's size. No stack needed. Asserts that both find the same nonce.
// BENCH_POW_CHALLENGES (default 8) challenges at BENCH_POW_BITS (default 15, the deployed default).
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const CHALLENGES = Number(process.env.BENCH_POW_CHALLENGES ?? 8);
const BITS = Number(process.env.BENCH_POW_BITS ?? 15);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

// One worker script with both solvers: it solves each challenge with one, then the other, and
// answers with the nonces and each solver's milliseconds.
const workerSource = `
import { solveChallenge } from "./lib/proof-of-work/solve-challenge";
import { solveChallengeSync } from "./lib/proof-of-work/solve-sync";
self.onmessage = async (e) => {
  try {
  const out = [];
  for (const challenge of e.data.challenges) {
    let t = performance.now();
    const a = await solveChallenge(challenge, e.data.bits);
    const webcrypto = performance.now() - t;
    t = performance.now();
    const b = solveChallengeSync(challenge, e.data.bits);
    out.push({ a, b, webcrypto, sync: performance.now() - t });
  }
  self.postMessage(out);
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};`;

const bundled = await build({
  stdin: { contents: workerSource, resolveDir: root, loader: "ts" },
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2022",
  write: false,
});
const code = bundled.outputFiles[0]!.text;
console.log(`load average before: ${load()}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--disable-gpu"] });
try {
  const page = await browser.newPage();
  // A page of its own (https: a secure context, as the frame is; WebCrypto needs one), and the worker script.
  await page.route("https://pow.bench/**", (route) =>
    route.fulfill(
      route.request().url().endsWith("/w.js")
        ? { contentType: "text/javascript", body: code }
        : { contentType: "text/html", body: "<!doctype html><title>pow</title>" },
    ),
  );
  await page.goto("https://pow.bench/");
  // A real challenge's shape (≈100 characters), a different salt each.
  const challenges = Array.from(
    { length: CHALLENGES },
    (_, i) => `v1.demo.${BITS}.1900000000000.${i.toString(16).padStart(32, "0")}.Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg`,
  );
  const results = await page.evaluate(
    ({ challenges, bits }) =>
      new Promise<{ a: string; b: string; webcrypto: number; sync: number }[]>((resolve, reject) => {
        const w = new Worker("/w.js");
        w.onmessage = (e) => (Array.isArray(e.data) ? resolve(e.data) : reject(new Error(e.data.error)));
        w.onerror = (e) => reject(new Error(e.message));
        w.postMessage({ challenges, bits });
      }),
    { challenges, bits: BITS },
  );
  let tries = 0;
  let webcrypto = 0;
  let sync = 0;
  for (const r of results) {
    if (r.a !== r.b) throw new Error(`The solvers disagree: ${r.a} / ${r.b}`);
    tries += parseInt(r.a, 36) + 1;
    webcrypto += r.webcrypto;
    sync += r.sync;
  }
  const perSecond = (ms: number): string => `${Math.round((tries / ms) * 1000).toLocaleString("en")} hashes/s`;
  console.log(`Proof of work in a Chromium worker, ${CHALLENGES} challenges at ${BITS} bits, ${tries.toLocaleString("en")} tries in all (the same nonces):`);
  console.log(`  WebCrypto (crypto.subtle.digest, batches of 64): ${perSecond(webcrypto)}, ${(webcrypto / CHALLENGES).toFixed(0)} ms a challenge`);
  console.log(`  synchronous (@noble/hashes, prefix state copied): ${perSecond(sync)}, ${(sync / CHALLENGES).toFixed(0)} ms a challenge`);
  console.log(`  per solve, ms: ${results.map((r) => `${r.webcrypto.toFixed(0)}/${r.sync.toFixed(0)}`).join(", ")}`);
  const worker = await readFile(path.join(root, "public/widget/pow-worker.js")).catch(() => null);
  if (worker) console.log(`Built /widget/pow-worker.js: ${(worker.length / 1024).toFixed(1)} KiB min, ${(gzipSync(worker).length / 1024).toFixed(1)} KiB gzip`);
} finally {
  await browser.close();
  console.log(`load average after: ${load()}`);
}
