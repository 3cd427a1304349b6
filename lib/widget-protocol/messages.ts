/**
 * The one message protocol between the loader on the host page and the chat
 * iframe on our origin. Both sides post with an exact targetOrigin, check
 * `event.origin`, and drop anything {@link parseWidgetMessage} rejects.
 * Hand-written parsing keeps the loader free of dependencies (size budget).
 */
export type WidgetMessage =
  /** iframe -> host: the chat is ready for input. */
  | { type: "sealdesk:ready" }
  /** iframe -> host: the visitor asked to minimise the chat. */
  | { type: "sealdesk:close" }
  /** iframe -> host: number of unread agent messages, for the bubble badge. */
  | { type: "sealdesk:unread"; count: number }
  /** host -> iframe: the page the visitor is on, and the host site's signed token for a logged-in customer. */
  | { type: "sealdesk:context"; pageUrl: string; language: string; userToken?: string };

const MAX_URL = 2048;
// A compact JWT (the app verifies it; this only bounds it).
const TOKEN = /^[A-Za-z0-9_-]{1,1500}\.[A-Za-z0-9_-]{1,2500}\.[A-Za-z0-9_-]{0,600}$/;

/** Returns the message if `data` is exactly one of {@link WidgetMessage}, else null. */
export function parseWidgetMessage(data: unknown): WidgetMessage | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case "sealdesk:ready":
    case "sealdesk:close":
      return Object.keys(m).length === 1 ? { type: m.type } : null;
    case "sealdesk:unread":
      return Number.isInteger(m.count) && (m.count as number) >= 0 && (m.count as number) < 1e6 ? { type: m.type, count: m.count as number } : null;
    case "sealdesk:context":
      return typeof m.pageUrl === "string" &&
        m.pageUrl.length <= MAX_URL &&
        typeof m.language === "string" &&
        /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(m.language)
        ? contextWithToken(m.pageUrl, m.language, m.userToken)
        : null;
    default:
      return null;
  }
}

// Only a compact JWT is passed on (the app verifies it); anything else is dropped, the page context kept.
function contextWithToken(pageUrl: string, language: string, userToken: unknown): WidgetMessage {
  return typeof userToken === "string" && TOKEN.test(userToken)
    ? { type: "sealdesk:context", pageUrl, language, userToken }
    : { type: "sealdesk:context", pageUrl, language };
}
