// A new visitor's proof of work, started while frame.js (~250 KB) downloads and
// evaluates: the frame page carries a fresh challenge (data-pow-* on this script's
// own tag, first in the page's head), and this tiny classic script hands it to the
// proof-of-work worker at once. The frame takes the
// result from `window.sealdeskEarlyWork` (visitor-session.ts). A browser that
// already holds a visitor for the site resumes it and does no work. Built to
// /widget/early-work.js (widget/build.ts).
import type { EarlyAccount, EarlyWork } from "../lib/widget-protocol/request-visitor-session";

declare global {
  interface Window {
    /** The early proof of work's result, or null when it could not run (the frame then asks for a challenge). */
    sealdeskEarlyWork?: Promise<EarlyWork | null>;
    /** The account the early challenge makes, when the page names it: the frame opens its crypto store meanwhile. */
    sealdeskEarlyAccount?: EarlyAccount;
  }
}

// The visitor this browser keeps for the site (visitor-session.ts's key); none readable counts as none.
function hasStoredVisitor(siteId: string): boolean {
  try {
    return localStorage.getItem(`sealdesk:visitor:${siteId}`) !== null;
  } catch {
    return false;
  }
}

function startEarlyWork(): void {
  const d = (document.currentScript as HTMLScriptElement | null)?.dataset ?? {};
  const siteId = new URLSearchParams(location.search).get("site") ?? "";
  const { powChallenge: challenge, powBits, powExpires, powUser, homeserver } = d;
  if (!challenge || !powBits || !powExpires || hasStoredVisitor(siteId)) return;
  performance.mark("sealdesk:pow:start"); // read by bench/widget-budget.ts
  if (powUser && homeserver) window.sealdeskEarlyAccount = { userId: powUser, homeserverUrl: homeserver };
  window.sealdeskEarlyWork = new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker("/widget/pow-worker.js");
    } catch {
      return resolve(null);
    }
    const done = (work: EarlyWork | null): void => {
      worker.terminate();
      performance.mark("sealdesk:pow:end");
      resolve(work);
    };
    worker.onmessage = (e: MessageEvent<{ nonce?: string }>) =>
      done(typeof e.data.nonce === "string" ? { challenge, nonce: e.data.nonce, expiresAt: Number(powExpires) } : null);
    worker.onerror = () => done(null);
    worker.postMessage({ challenge, bits: Number(powBits) });
  });
}

startEarlyWork();
