// Loaded as a chunk of its own once the chat runs (see main.ts): the frame's first bytes stay within budget.
import type { WidgetLanguage } from "../../lib/widget-i18n/catalogue";
import { REPLY_EMAIL_STRINGS } from "../../lib/widget-i18n/reply-email-strings";
import { mountReplyEmailControl } from "./reply-email-control";
import { keepPresence } from "./widget-presence";

/** Reply emails (when the server offers them): the opt-in control under the header, and presence pings while an address is on file. */
export function startReplyEmails(token: string, pingMs: number, pageUrl: string, lang: WidgetLanguage): void {
  let stopPresence: (() => void) | null = null;
  const onAddress = (address: string | null): void => {
    if (address) {
      stopPresence ??= keepPresence(token, pingMs);
    } else {
      stopPresence?.();
      stopPresence = null;
    }
  };
  const header = document.querySelector("#app > header");
  if (header && pageUrl) void mountReplyEmailControl(header, { token, pageUrl, t: REPLY_EMAIL_STRINGS[lang], onAddress });
}
