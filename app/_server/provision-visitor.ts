import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { VISITOR_LOCALPART_PREFIX } from "../../lib/conversation/event-types";
import { registerWithSharedSecret } from "../../lib/matrix/shared-secret-register";
import type { VisitorSession, VisitorSessionRequest } from "../../lib/widget-protocol/visitor-session";
import { db, schema } from "./db";
import { env } from "./env";

/** Why provisioning was refused, mapped to an HTTP status by the route. */
export class ProvisionRefused extends Error {
  constructor(
    readonly status: 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Creates a fresh visitor account on Synapse (shared-secret registration, not a
 * guest account) for a site whose allowed origins include the embedding page.
 * The random password is thrown away: the access token is the only credential,
 * and it is returned once, to the iframe.
 */
export async function provisionVisitor(req: VisitorSessionRequest): Promise<VisitorSession> {
  const [site] = await db().select().from(schema.sites).where(eq(schema.sites.id, req.siteId));
  if (!site) throw new ProvisionRefused(404, `Unknown site "${req.siteId}"`);
  if (!site.allowedOrigins.includes(new URL(req.hostOrigin).origin)) {
    throw new ProvisionRefused(403, "This website is not allowed to embed the chat for this site");
  }
  const e = env();
  const account = await registerWithSharedSecret({
    homeserverUrl: e.SYNAPSE_URL,
    sharedSecret: e.SYNAPSE_REGISTRATION_SECRET,
    username: `${VISITOR_LOCALPART_PREFIX}${randomBytes(12).toString("hex")}`,
    password: randomBytes(32).toString("base64url"),
    displayName: "Visitor",
  });
  await db().insert(schema.visitors).values({ userId: account.userId, siteId: site.id });
  return {
    homeserverUrl: e.SYNAPSE_PUBLIC_URL,
    userId: account.userId,
    deviceId: account.deviceId,
    accessToken: account.accessToken,
    routerUserId: e.ROUTER_USER_ID,
  };
}
