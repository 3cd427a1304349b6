import { z } from "zod";

/** `POST /api/visitor/email`: the visitor's consented address and the page the chat is on. */
export const visitorEmailBodySchema = z.strictObject({
  email: z.string().trim().max(254).pipe(z.email("email: enter an address such as name@example.com")),
  /** The visitor ticked the plainly worded consent; the route refuses without it. */
  consent: z.literal(true, "consent: the visitor must agree to reply emails"),
  page_url: z.string().max(2048).url("page_url: the page the chat is on"),
});

/** `POST /api/visitor/presence`: the widget is open (true, every few seconds while visible) or just closed (false). */
export const visitorPresenceBodySchema = z.strictObject({ open: z.boolean() });

/** Whether the page the chat is on belongs to one of the site's allowed origins (so an email never links elsewhere). */
export function pageOnSite(pageUrl: string, allowedOrigins: readonly string[]): boolean {
  try {
    return allowedOrigins.includes(new URL(pageUrl).origin);
  } catch {
    return false;
  }
}
