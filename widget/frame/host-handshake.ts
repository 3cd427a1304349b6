import { parseWidgetMessage, type WidgetMessage } from "../../lib/widget-protocol/messages";

/** The embedding page's origin: exact target for postMessage and the only accepted sender. */
export function hostOrigin(): string | null {
  const ancestor = window.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

/**
 * How long the frame waits for the page's answer. The loader answers at once, but on a busy machine
 * its answer can take hundreds of milliseconds (the page and the frame often share one main thread),
 * and an answer that came too late was lost: the page's language ignored, a known customer's token
 * dropped (they chatted as an anonymous visitor). Only a frame opened without the loader waits it out.
 */
export const HANDSHAKE_TIMEOUT_MS = 5_000;

/** Tells the loader we are ready and waits for the page context (its language picks ours; a customer's token comes with it). */
export function handshake(
  host: string,
  toHost: (m: WidgetMessage) => void,
  timeoutMs = HANDSHAKE_TIMEOUT_MS,
): Promise<{ pageUrl: string; language: string; userToken?: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    window.addEventListener("message", (event) => {
      if (event.origin !== host || event.source !== window.parent) return;
      const m = parseWidgetMessage(event.data);
      if (m?.type !== "sealdesk:context") return;
      clearTimeout(timer);
      resolve({ pageUrl: m.pageUrl, language: m.language, userToken: m.userToken });
    });
    toHost({ type: "sealdesk:ready" });
  });
}
