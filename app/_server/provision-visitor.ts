import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { VISITOR_LOCALPART_PREFIX } from "../../lib/conversation/event-types";
import { registerWithAppService } from "../../lib/matrix/appservice-register";
import { registerWithSharedSecret } from "../../lib/matrix/shared-secret-register";
import type { VisitorSession, VisitorSessionRequest } from "../../lib/widget-protocol/visitor-session";
import { db, schema } from "./db";
import { env } from "./env";
import { countAttempt } from "./rate-limit";
import { checkWork, spendChallenge } from "./visitor-challenge";
import { Refusal } from "./refusal";
import { rememberVisitorToken } from "./visitor-identity";

const HOUR = 3_600_000;

/**
 * Abuse control, cheapest refusal first: the proof of work (no database), the
 * per-IP and per-site hourly limits (PostgreSQL counters), then the challenge
 * is spent (single use). Only then is an account created.
 */
async function admit(req: VisitorSessionRequest, ip: string | null, siteLimit: number | null): Promise<{ localpart: string }> {
  const work = await checkWork(req.challenge, req.nonce, req.siteId);
  const e = env();
  const byIp = await countAttempt(`visitor-ip:${ip ?? "unknown"}`, e.VISITOR_IP_LIMIT_PER_HOUR, HOUR);
  if (!byIp.ok) throw new Refusal(429, "Too many new chats from your network: try again later", retryAfter(byIp.retryAfterSeconds));
  const bySite = await countAttempt(`visitor-site:${req.siteId}`, siteLimit ?? e.VISITOR_SITE_LIMIT_PER_HOUR, HOUR);
  if (!bySite.ok) throw new Refusal(429, "Too many new chats on this website right now: try again later", retryAfter(bySite.retryAfterSeconds));
  await spendChallenge(req.challenge, work.expiresAt);
  return work;
}

// A 429 tells the client when it may try again.
const retryAfter = (seconds: number | undefined): Record<string, string> => (seconds ? { "retry-after": String(seconds) } : {});

/**
 * A new visitor account on Synapse: a random localpart (it says nothing about the visitor;
 * an anonymous visitor's is the one its spent challenge names), through the application
 * service when the app has its token (no password: no bcrypt; with the device id the widget
 * chose, if any), else by shared secret with a random password nobody keeps (the homeserver
 * chooses the device). Either way the widget holds only an access token.
 */
export function registerVisitorAccount(chosen: { localpart?: string; deviceId?: string } = {}) {
  const e = env();
  const username = chosen.localpart ?? `${VISITOR_LOCALPART_PREFIX}${randomBytes(12).toString("hex")}`;
  if (e.SYNAPSE_APPSERVICE_TOKEN) {
    const asToken = e.SYNAPSE_APPSERVICE_TOKEN;
    return registerWithAppService({ homeserverUrl: e.SYNAPSE_URL, asToken, username, deviceId: chosen.deviceId, displayName: "Visitor" });
  }
  return registerWithSharedSecret({
    homeserverUrl: e.SYNAPSE_URL,
    sharedSecret: e.SYNAPSE_REGISTRATION_SECRET,
    username,
    password: randomBytes(32).toString("base64url"),
    displayName: "Visitor",
  });
}

/**
 * Creates a fresh visitor account on Synapse (see registerVisitorAccount; not a
 * guest account) for a site whose allowed origins include the embedding page.
 * The random password is thrown away: the access token is the only credential,
 * and it is returned once, to the iframe.
 */
export async function provisionVisitor(req: VisitorSessionRequest, ip: string | null): Promise<VisitorSession> {
  const [site] = await db().select().from(schema.sites).where(eq(schema.sites.id, req.siteId));
  if (!site) throw new Refusal(404, `Unknown site "${req.siteId}"`);
  if (!site.allowedOrigins.includes(new URL(req.hostOrigin).origin)) {
    throw new Refusal(403, "This website is not allowed to embed the chat for this site");
  }
  const { localpart } = await admit(req, ip, site.visitorsPerHour);
  const account = await registerVisitorAccount({ localpart, deviceId: req.deviceId });
  await db().insert(schema.visitors).values({ userId: account.userId, siteId: site.id });
  return sessionFor(account);
}

/** What the widget needs to run as `account`: where Synapse is, the device's credentials, the router to invite. */
export function sessionFor(account: { userId: string; deviceId: string; accessToken: string }) {
  const e = env();
  rememberVisitorToken(account.accessToken, account.userId); // its first routing ticket then skips `whoami`
  return {
    homeserverUrl: e.SYNAPSE_PUBLIC_URL,
    userId: account.userId,
    deviceId: account.deviceId,
    accessToken: account.accessToken,
    routerUserId: e.ROUTER_USER_ID,
  };
}
