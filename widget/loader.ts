// The host page's only script: draws the chat bubble and, on the first click,
// the chat iframe from our origin. No other request until the visitor clicks.
// Kept dependency-free and tiny (budget: 3 KB gzip, 5 ms main thread).
import { parseWidgetMessage, type WidgetMessage } from "../lib/widget-protocol/messages";

/** The chat bubble (fixed, so drawing it moves nothing on the host page) and its unread badge. */
function makeBubble(colour: string | null): { bubble: HTMLButtonElement; badge: HTMLSpanElement } {
  const bubble = document.createElement("button");
  bubble.type = "button";
  bubble.setAttribute("aria-expanded", "false");
  // An inline SVG, not an emoji: no font on the host page is needed to draw it.
  bubble.innerHTML =
    '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="currentColor"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
  // Fixed position: drawing it moves nothing on the host page (no layout shift).
  bubble.style.cssText = `position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:${colour ?? "#0b5cad"};color:#fff;cursor:pointer;display:grid;place-items:center;padding:0;box-shadow:0 2px 10px rgba(0,0,0,.3);z-index:2147483646`;
  const badge = document.createElement("span");
  badge.setAttribute("aria-hidden", "true");
  badge.style.cssText =
    "position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#b42318;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center;display:none";
  bubble.appendChild(badge);
  return { bubble, badge };
}

/** The frame's query: the site, and the embed's choices the frame needs (language, colour, org key, pre-chat). */
function frameQuery(siteId: string, data: DOMStringMap, lang: string | null, colour: string | null): URLSearchParams {
  const q = new URLSearchParams({ site: siteId });
  if (lang) q.set("lang", lang);
  if (colour) q.set("color", colour);
  // The organisation key: the frame trusts only a roster it signed (a malformed one is passed on, and refused there).
  if (data.orgKey) q.set("org_key", data.orgKey);
  // data-prechat passes to the frame, which shows the optional pre-chat form.
  if (data.prechat !== undefined) q.set("prechat", "1");
  return q;
}

/** The chat iframe from our origin, above the bubble. */
function makeFrame(src: string): HTMLIFrameElement {
  const frame = document.createElement("iframe");
  frame.title = "Support chat";
  frame.src = src;
  // Passkeys (a known customer's history backup) are created and used by the frame, for our origin only.
  frame.allow = "clipboard-write; publickey-credentials-create; publickey-credentials-get";
  frame.style.cssText =
    "position:fixed;right:20px;bottom:88px;width:370px;max-width:calc(100vw - 40px);height:560px;max-height:calc(100vh - 110px);border:0;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);background:#fff;z-index:2147483647";
  return frame;
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const siteId = data.site;
  if (!script || !siteId) {
    console.error("Sealdesk: the widget script needs a data-site attribute");
    return;
  }
  const ourOrigin = new URL(script.src).origin;
  const pick = (v: string | undefined, re: RegExp): string | null => (v && re.test(v) ? v : null);
  const colour = pick(data.color ?? data.colour, /^#[0-9a-f]{3}([0-9a-f]{3})?$/i);
  const lang = pick(data.lang, /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i);

  const { bubble, badge } = makeBubble(colour);
  let frame: HTMLIFrameElement | null = null;
  let open = false;
  // A logged-in customer: the host's backend signed this token (data-user-token, or Sealdesk.identify after login).
  let userToken = data.userToken;
  let unread = 0;

  const post = (m: WidgetMessage): void => frame?.contentWindow?.postMessage(m, ourOrigin);

  const label = (): void => {
    const n = open ? 0 : unread;
    badge.textContent = n > 99 ? "99+" : String(n);
    badge.style.display = n ? "block" : "none";
    bubble.setAttribute("aria-label", `${open ? "Close" : "Open"} support chat${n ? `, ${n} unread message${n === 1 ? "" : "s"}` : ""}`);
  };

  const setOpen = (next: boolean): void => {
    open = next;
    if (open && !frame) {
      frame = makeFrame(`${ourOrigin}/widget/frame?${frameQuery(siteId, data, lang, colour)}`);
      document.body.appendChild(frame);
    }
    if (frame) frame.style.display = open ? "block" : "none";
    bubble.setAttribute("aria-expanded", String(open));
    label();
    if (open) frame?.focus();
  };

  bubble.addEventListener("click", () => setOpen(!open));
  window.addEventListener("message", (event) => {
    // Only our frame, from our origin; anything else is ignored.
    if (event.origin !== ourOrigin || !frame || event.source !== frame.contentWindow) return;
    const m = parseWidgetMessage(event.data);
    if (!m) return;
    if (m.type === "sealdesk:ready")
      post({
        type: "sealdesk:context",
        pageUrl: location.href.slice(0, 2048),
        language: lang ?? (document.documentElement.lang || navigator.language || "en"),
        ...(userToken ? { userToken } : {}),
      });
    if (m.type === "sealdesk:unread") {
      unread = m.count;
      label();
    }
    if (m.type === "sealdesk:close") {
      setOpen(false);
      bubble.focus();
    }
  });
  label();
  // After a login on the page: the chat restarts as that customer (an open frame reloads and asks again).
  (window as unknown as { Sealdesk?: object }).Sealdesk = {
    ...(window as unknown as { Sealdesk?: object }).Sealdesk,
    identify(token: string): void {
      userToken = token;
      if (frame) frame.setAttribute("src", frame.src);
    },
  };
  // A reply email's link (?sealdesk=open) reopens the chat on arrival.
  const mount = (): void => {
    document.body.appendChild(bubble);
    if (new URLSearchParams(location.search).get("sealdesk") === "open") setOpen(true);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
