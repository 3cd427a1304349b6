// The host page's only script: draws the chat bubble and, on the first click,
// the chat iframe from our origin. Kept dependency-free and tiny (size budget).
import { parseWidgetMessage, type WidgetMessage } from "../lib/widget-protocol/messages";

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const siteId = script?.dataset.site;
  if (!script || !siteId) {
    console.error("Sealdesk: the widget script needs a data-site attribute");
    return;
  }
  const ourOrigin = new URL(script.src).origin;
  const colour = /^#[0-9a-f]{3,8}$/i.test(script.dataset.colour ?? "") ? script.dataset.colour! : "#0b5cad";

  const bubble = document.createElement("button");
  bubble.type = "button";
  bubble.setAttribute("aria-label", "Open support chat");
  bubble.setAttribute("aria-expanded", "false");
  // An inline SVG, not an emoji: no font on the host page is needed to draw it.
  bubble.innerHTML = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="currentColor"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
  bubble.style.cssText = `position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:${colour};color:#fff;cursor:pointer;display:grid;place-items:center;padding:0;box-shadow:0 2px 10px rgba(0,0,0,.3);z-index:2147483646`;
  let frame: HTMLIFrameElement | null = null;

  const post = (m: WidgetMessage): void => frame?.contentWindow?.postMessage(m, ourOrigin);

  const setOpen = (open: boolean): void => {
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.title = "Support chat";
      // data-lang (a language tag) and data-prechat pass to the frame; it validates them again.
      const lang = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(script.dataset.lang ?? "") ? `&lang=${script.dataset.lang}` : "";
      frame.src = `${ourOrigin}/widget/frame?site=${encodeURIComponent(siteId)}${lang}${script.dataset.prechat !== undefined ? "&prechat=1" : ""}`;
      frame.allow = "clipboard-write";
      frame.style.cssText = "position:fixed;right:20px;bottom:88px;width:370px;max-width:calc(100vw - 40px);height:560px;max-height:calc(100vh - 110px);border:0;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);background:#fff;z-index:2147483647";
      document.body.appendChild(frame);
    }
    if (frame) frame.style.display = open ? "block" : "none";
    bubble.setAttribute("aria-expanded", String(open));
    bubble.setAttribute("aria-label", open ? "Close support chat" : "Open support chat");
    if (open) frame?.focus();
  };

  bubble.addEventListener("click", () => setOpen(bubble.getAttribute("aria-expanded") !== "true"));
  window.addEventListener("message", (event) => {
    if (event.origin !== ourOrigin || !frame || event.source !== frame.contentWindow) return;
    const m = parseWidgetMessage(event.data);
    if (!m) return;
    if (m.type === "sealdesk:ready") post({ type: "sealdesk:context", pageUrl: location.href.slice(0, 2048), language: document.documentElement.lang || navigator.language || "en" });
    if (m.type === "sealdesk:close") {
      setOpen(false);
      bubble.focus();
    }
  });
  document.body.appendChild(bubble);
})();
