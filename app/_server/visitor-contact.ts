import "server-only";
import { eq } from "drizzle-orm";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import { userOfToken } from "../../lib/matrix/user-of-token";
import { pageOnSite } from "../../lib/reply-email/contact-request";
import { verifyUnsubscribeToken } from "../../lib/reply-email/unsubscribe-token";
import { db, schema } from "./db";
import { env, replyEmailSettings } from "./env";
import { countAttempt } from "./rate-limit";
import { Refusal } from "./refusal";

const HOUR = 3_600_000;
const { visitorContacts, visitors, sites } = schema;

function settingsOrRefuse() {
  const settings = replyEmailSettings();
  if (!settings) throw new Refusal(404, "Reply emails are not set up on this server");
  return settings;
}

/** The visitor a token belongs to, rate-limited per visitor (`limit` calls an hour for `what`). */
async function visitorOf(accessToken: string, what: string, limit: number): Promise<string> {
  const userId = await userOfToken(env().SYNAPSE_URL, accessToken);
  if (!userId) throw new Refusal(401, "Unknown or expired visitor token");
  if (!isVisitorUserId(userId)) throw new Refusal(403, "Only visitor accounts use this");
  const counted = await countAttempt(`${what}:${userId}`, limit, HOUR);
  if (!counted.ok) throw new Refusal(429, "Too many requests; try again later", { "retry-after": String(counted.retryAfterSeconds) });
  return userId;
}

/** Stores the visitor's address with their consent (replacing an earlier one); the page must be on their site. */
export async function saveVisitorEmail(accessToken: string, body: { email: string; page_url: string }): Promise<{ email: string }> {
  settingsOrRefuse();
  const userId = await visitorOf(accessToken, "visitor-email", 20);
  const [site] = await db()
    .select({ id: sites.id, allowedOrigins: sites.allowedOrigins })
    .from(visitors)
    .innerJoin(sites, eq(sites.id, visitors.siteId))
    .where(eq(visitors.userId, userId));
  if (!site) throw new Refusal(404, "Unknown visitor");
  if (!pageOnSite(body.page_url, site.allowedOrigins)) throw new Refusal(400, "page_url: the chat's page must be on one of the site's allowed origins");
  const row = { visitorUserId: userId, siteId: site.id, email: body.email, pageUrl: body.page_url, consentedAt: new Date(), lastOpenAt: new Date() };
  await db()
    .insert(visitorContacts)
    .values(row)
    .onConflictDoUpdate({ target: visitorContacts.visitorUserId, set: { email: row.email, pageUrl: row.pageUrl, consentedAt: row.consentedAt } });
  return { email: body.email };
}

/** The visitor's "stop emails": forgets the address (nothing to do when there is none). */
export async function deleteVisitorEmail(accessToken: string): Promise<{ deleted: boolean }> {
  const userId = await visitorOf(accessToken, "visitor-email", 20);
  const gone = await db().delete(visitorContacts).where(eq(visitorContacts.visitorUserId, userId)).returning({ id: visitorContacts.visitorUserId });
  return { deleted: gone.length > 0 };
}

/** Whether this visitor has an address on file (the widget shows "stop emails" then). */
export async function visitorEmailState(accessToken: string): Promise<{ available: boolean; email: string | null }> {
  const available = replyEmailSettings() !== null;
  const userId = await visitorOf(accessToken, "visitor-email-read", 120);
  const [row] = await db().select({ email: visitorContacts.email }).from(visitorContacts).where(eq(visitorContacts.visitorUserId, userId));
  return { available, email: row?.email ?? null };
}

/** The widget's presence: open (a ping while visible) or closed; only kept for a visitor with an address. */
export async function recordPresence(accessToken: string, open: boolean): Promise<{ ok: true }> {
  settingsOrRefuse();
  // A ping every 15 s is 240 an hour; the limit leaves room for reloads.
  const userId = await visitorOf(accessToken, "visitor-presence", 600);
  await db()
    .update(visitorContacts)
    .set({ lastOpenAt: open ? new Date() : null })
    .where(eq(visitorContacts.visitorUserId, userId));
  return { ok: true };
}

/** The unsubscribe link: a valid signed token forgets that visitor's address. Idempotent. */
export async function unsubscribe(token: string): Promise<boolean> {
  const settings = settingsOrRefuse();
  const userId = verifyUnsubscribeToken(settings.linkSecret, token);
  if (!userId) return false;
  await db().delete(visitorContacts).where(eq(visitorContacts.visitorUserId, userId));
  return true;
}
