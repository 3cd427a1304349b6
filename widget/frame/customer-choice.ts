import type { CustomerProfile } from "../../lib/widget-protocol/customer-session-response";
import { claimedSubject } from "./customer-session";

/**
 * What to do with the visitor this browser stored, given the host page's token:
 * `resume` it (anonymous without a token; the same customer as the token names,
 * so a page load does not spend the token), `replace` it with the customer the
 * token names (another user, or an anonymous visitor who logged in), or
 * `forget` it (a stored customer on a page without a token: logged out, and the
 * next person at this browser must not see their chats). Pure.
 */
export function storedVisitorFate(stored: { customer?: CustomerProfile } | null, token: string | undefined): "resume" | "replace" | "forget" {
  if (!token) return stored?.customer ? "forget" : "resume";
  return stored?.customer && stored.customer.sub === claimedSubject(token) ? "resume" : "replace";
}
