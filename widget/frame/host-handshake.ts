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

/** Tells the loader we are ready and waits briefly for the page context (its language picks ours; a customer's token comes with it). */
export function handshake(host: string, toHost: (m: WidgetMessage) => void): Promise<{ pageUrl: string; language: string; userToken?: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 400);
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
