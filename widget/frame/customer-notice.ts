import type { CustomerStrings } from "../../lib/widget-i18n/customer-strings";
import type { CustomerRefusedError } from "./customer-session";
import { el } from "./dom";

/**
 * Says quietly (a status line under the header, not an error) that the host
 * site's token was refused and the chat is anonymous. The reason code goes to
 * the console for the site's developers; the visitor gets plain words.
 */
export function showCustomerRefused(root: HTMLElement, s: CustomerStrings, err: CustomerRefusedError): void {
  console.warn(`Sealdesk: the customer token was refused (${err.code}): ${err.message}`);
  const note = el("p", { class: "customer-note", role: "status", "data-reason": err.code }, s.refused);
  const header = root.querySelector(":scope > header");
  if (header) header.after(note);
  else root.prepend(note);
}
